import { Role, type User } from '../src/entities';
import { visibilityOf } from '../src/services/access-policy';

const user = (id: number, role: Role, opdId: number | null = null) => ({ id, email: `u${id}@jalin.local`, role, opdId }) as User;

describe('visibilityOf (what a shared subscription execution may depend on)', () => {
  it('is the same for users of one role, whoever they are', () => {
    expect(visibilityOf(user(1, Role.VIEWER)).key).toBe(visibilityOf(user(2, Role.VIEWER)).key);
    expect(visibilityOf(user(1, Role.OFFICER, 3)).key).toBe(visibilityOf(user(2, Role.OFFICER, null)).key);
  });

  it('tells roles apart, and OPD editors by their OPD', () => {
    const keys = [user(1, Role.ADMIN), user(2, Role.OFFICER), user(3, Role.VIEWER), user(4, Role.OPD_EDITOR, 1), user(5, Role.OPD_EDITOR, 2)].map((u) => visibilityOf(u).key);
    expect(new Set(keys).size).toBe(5);
    expect(visibilityOf(user(6, Role.OPD_EDITOR, 1)).key).toBe(keys[3]);
  });

  it('stands in with the role and OPD only: reading who the user is fails', () => {
    const { viewer } = visibilityOf(user(7, Role.OPD_EDITOR, 2));
    expect([viewer.role, viewer.opdId, viewer.active]).toEqual([Role.OPD_EDITOR, 2, true]);
    expect(() => viewer.id).toThrow(/visibilityOf/);
    expect(() => viewer.email).toThrow(/visibilityOf/);
  });
});
