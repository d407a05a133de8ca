import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Card, Group, NativeSelect, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { generateKeyBetween } from 'fractional-indexing';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/AuthProvider';
import { ActivityCard, draftOf, type Draft, type FieldLock } from '../board/ActivityCard';
import { inBoardOrder, type Activity } from '../board/boardState';
import { ConflictDialog, type Conflict } from '../board/ConflictDialog';
import {
  AddActivityMutation,
  AgreementStatusSubscription,
  BoardPageQuery,
  BoardPresenceSubscription,
  MoveActivityMutation,
  RemoveActivityMutation,
  RestoreActivityMutation,
  SetEditingMutation,
  UpdateActivityMutation,
} from '../board/documents';
import { PresenceBar } from '../board/PresenceBar';
import { boardEditable, canAdd, canChangeActivity, EDITABLE_FIELDS, type EditableField } from '../board/permissions';
import { useBoard, type ConnectionState } from '../board/useBoard';
import { errorCode, errorExtensions } from '../data/apollo';
import { countryName } from '../features/common/format';
import { describeRefusal } from '../features/common/errors';
import { MeetingPanel } from '../features/meeting/MeetingPanel';
import { MeetingPanelQuery } from '../features/meeting/queries';

const CONNECTION_COLOR: Record<ConnectionState, string> = { live: 'green', connecting: 'gray', reconnecting: 'red', catchingUp: 'orange' };

interface Editing {
  base: Activity;
  draft: Draft;
}

/**
 * The board of an agreement's draft activities, live: every change by anyone arrives as a board
 * event (useBoard) and replaces its item; this user's own changes show at once from the mutation's
 * answer. Editing starts from the version shown; a clash with someone else's save opens the
 * yours/theirs choice.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const { id: agreementId = '' } = useParams();
  const { session, client } = useSession();
  const me = session.user;

  const page = useQuery(BoardPageQuery, { variables: { agreementId } });
  // The meeting panel's own query, asked here too (Apollo answers both from one request) so that the
  // panel and the activities replace the skeletons together: a panel arriving later would push the
  // loaded list down.
  const meetings = useQuery(MeetingPanelQuery, { variables: { agreementId } });
  const statusUpdates = useSubscription(AgreementStatusSubscription, { variables: { id: agreementId } });
  const presence = useSubscription(BoardPresenceSubscription, { variables: { agreementId } });
  const board = useBoard(client, agreementId);

  const [updateActivity] = useMutation(UpdateActivityMutation);
  const [moveActivity] = useMutation(MoveActivityMutation);
  const [removeActivity] = useMutation(RemoveActivityMutation);
  const [restoreActivity] = useMutation(RestoreActivityMutation);
  const [addActivity] = useMutation(AddActivityMutation);
  const [setEditingMutation] = useMutation(SetEditingMutation);

  const [editing, setEditing] = useState<Record<string, Editing>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [conflict, setConflict] = useState<(Conflict & { patch: Record<string, string> }) | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newOpd, setNewOpd] = useState('');
  const [adding, setAdding] = useState(false);

  const agreement = page.data?.agreement;
  const status = statusUpdates.data?.agreementUpdated.status ?? agreement?.status;
  const editableBoard = status !== undefined && boardEditable(status);
  const activities = useMemo(() => inBoardOrder(board.state.items.values()), [board.state.items]);
  const removed = useMemo(() => inBoardOrder(board.state.removed.values()), [board.state.removed]);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const fail = useCallback(
    (error: unknown) => {
      const code = errorCode(error);
      // A refused value is worded in the page's language from its reason (wordRefusal); other codes keep the server's words.
      const message = describeRefusal(error);
      const text = code && ['FORBIDDEN', 'BOARD_LOCKED', 'ACTIVITY_REMOVED'].includes(code) ? t(`board.errors.${code}`) : code === 'BAD_USER_INPUT' ? t('board.errors.BAD_USER_INPUT', { message }) : t('board.errors.generic', { message });
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'red', message: text, autoClose: 8000 });
    },
    [t],
  );

  const announceEditing = useCallback(
    (activityId: string | null, field: EditableField | null) => {
      void setEditingMutation({ variables: { agreementId, activityId, field } }).catch(() => undefined); // presence is best effort
    },
    [agreementId, setEditingMutation],
  );

  const locksFor = useCallback(
    (activityId: string): FieldLock[] =>
      (presence.data?.boardPresence.users ?? []).filter((u) => u.user.id !== me.id && u.activityId === activityId).map((u) => ({ field: u.field ?? null, name: u.user.name })),
    [presence.data, me.id],
  );

  const stopEditing = (activityId: string) => {
    setEditing((current) => {
      const next = { ...current };
      delete next[activityId];
      return next;
    });
    announceEditing(null, null);
  };

  const sendUpdate = async (activityId: string, baseVersion: number, patch: Record<string, string>, yours: Draft, title: string) => {
    setSaving(activityId);
    try {
      const result = await updateActivity({ variables: { id: activityId, baseVersion, patch } });
      if (result.data) board.put(result.data.updateDraftActivity);
      setConflict(null);
      stopEditing(activityId);
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('board.saved'), autoClose: 2000 });
    } catch (error) {
      if (errorCode(error) === 'VERSION_CONFLICT') {
        const extensions = errorExtensions(error)!;
        const current = extensions.current as Record<string, unknown> & { version: number };
        const fields = (extensions.fields as string[]).filter((f): f is EditableField => (EDITABLE_FIELDS as readonly string[]).includes(f));
        // The base becomes what is saved now: resolving sends only the chosen values against it.
        setEditing((all) => (all[activityId] ? { ...all, [activityId]: { ...all[activityId], base: { ...all[activityId].base, ...(current as object), version: current.version } as Activity } } : all));
        setConflict({ activityId, title, patch, fields: fields.map((field) => ({ field, yours: yours[field], theirs: String(current[field] ?? '') })) });
      } else fail(error);
    } finally {
      setSaving(null);
    }
  };

  const save = (activity: Activity) => {
    const entry = editing[activity.id];
    if (!entry) return;
    const patch: Record<string, string> = {};
    for (const field of EDITABLE_FIELDS) if (entry.draft[field] !== entry.base[field]) patch[field] = entry.draft[field];
    if (Object.keys(patch).length === 0) return stopEditing(activity.id);
    void sendUpdate(activity.id, entry.base.version, patch, entry.draft, activity.title);
  };

  const resolveConflict = (choices: Record<string, 'yours' | 'theirs'>) => {
    if (!conflict) return;
    const entry = editing[conflict.activityId];
    const patch = { ...conflict.patch };
    for (const [field, choice] of Object.entries(choices)) if (choice === 'theirs') delete patch[field];
    if (!entry || Object.keys(patch).length === 0) {
      setConflict(null);
      stopEditing(conflict.activityId);
      return;
    }
    void sendUpdate(conflict.activityId, entry.base.version, patch, entry.draft, conflict.title);
  };

  const move = async (activity: Activity, toIndex: number) => {
    const ids = activities.map((a) => a.id);
    const from = ids.indexOf(activity.id);
    if (from < 0 || toIndex < 0 || toIndex >= ids.length || from === toIndex) return;
    const order = arrayMove(activities, from, toIndex);
    const after = order[toIndex - 1];
    const before = order[toIndex + 1];
    try {
      // Shown at once between its new neighbours; the server's answer (its own key) replaces it.
      board.setLocal({ ...activity, position: generateKeyBetween(after?.position ?? null, before?.position ?? null) });
    } catch {
      // keys this client cannot interpolate: wait for the answer
    }
    try {
      const result = await moveActivity({ variables: { id: activity.id, afterId: after?.id ?? null, beforeId: before?.id ?? null } });
      if (result.data) board.put(result.data.moveDraftActivity);
    } catch (error) {
      board.put({ ...activity, version: activity.version }); // back where it was
      fail(error);
    }
  };

  const titleOf = (id: string | number) => board.state.items.get(String(id))?.title ?? '';
  const positionOf = (id: string | number) => activities.findIndex((a) => a.id === id) + 1;

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const activity = board.state.items.get(String(active.id));
    const toIndex = activities.findIndex((a) => a.id === over.id);
    if (activity) void move(activity, toIndex);
  };

  const remove = async (activity: Activity) => {
    try {
      const result = await removeActivity({ variables: { id: activity.id } });
      if (result.data) board.put(result.data.removeDraftActivity);
      notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, message: t('board.removed', { title: activity.title }), autoClose: 4000 });
    } catch (error) {
      fail(error);
    }
  };

  const restore = async (activity: Activity) => {
    try {
      const result = await restoreActivity({ variables: { id: activity.id } });
      if (result.data) board.put(result.data.restoreDraftActivity);
    } catch (error) {
      fail(error);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const title = newTitle.trim();
    if (!title) return;
    setAdding(true);
    try {
      const opdId = me.role === 'OPD_EDITOR' ? undefined : newOpd || page.data?.opds[0]?.id;
      const result = await addActivity({ variables: { input: { agreementId, title, opdId } } });
      if (result.data) board.put(result.data.addDraftActivity);
      setNewTitle('');
    } catch (error) {
      fail(error);
    } finally {
      setAdding(false);
    }
  };

  if (page.error && !page.data) {
    return (
      <Alert color="red" role="alert">
        {t('common.errorGeneric', { message: page.error.message })}
      </Alert>
    );
  }

  // A viewer's board is read-only whatever its status: said at once, before the board has loaded.
  const readOnlyMessage =
    status && !editableBoard
      ? t('board.readOnly', { status: t(`status.${status}`) })
      : me.role === 'VIEWER'
        ? t('board.viewerReadOnly', { role: t(`roles.${me.role}`) })
        : null;
  const loading = board.loading || page.loading || (meetings.loading && !meetings.data);

  return (
    <Stack gap="md" maw={1100}>
      {/* The title wraps beside the connection badge (which stays put): no jump when a long title arrives. */}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          {agreement ? (
            <Title order={2} data-testid="board-title">
              {t('board.title', { title: agreement.title })}
            </Title>
          ) : (
            <Skeleton height={35} width={420} />
          )}
          <Group gap="xs">
            {agreement && (
              <Text size="sm" c="dimmed">
                {agreement.partnerCity.name}, {countryName(agreement.partnerCity.country)}
              </Text>
            )}
            {status && (
              <Badge variant="light" data-testid="agreement-status">
                {t(`status.${status}`)}
              </Badge>
            )}
            <Anchor component={Link} to={`/perjanjian/${encodeURIComponent(agreementId)}`} size="sm">
              {t('board.back')}
            </Anchor>
          </Group>
        </Stack>
        <Badge size="lg" variant="light" color={CONNECTION_COLOR[board.connection]} role="status" aria-live="polite" data-testid="connection-state" data-state={board.connection}>
          {t(`board.connection.${board.connection === 'catchingUp' ? 'catchingUp' : board.connection}`)}
        </Badge>
      </Group>

      {/* Skeletons of the same height: the list does not jump when presence or the board arrives. */}
      {presence.data ? <PresenceBar users={presence.data.boardPresence.users} meId={me.id} stale={board.connection === 'reconnecting' || board.connection === 'catchingUp'} titleOf={(id) => board.state.items.get(id)?.title} /> : <Skeleton height={26} width={320} />}

      {readOnlyMessage && (
        <Alert color="gray" variant="light" data-testid="board-readonly">
          {readOnlyMessage}
        </Alert>
      )}
      {board.error && (
        <Alert color="red" role="alert">
          {t('common.errorGeneric', { message: board.error.message })}
        </Alert>
      )}

      {loading ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
          {[0, 1, 2].map((i) => (
            <Card key={i} withBorder padding="md">
              <Skeleton height={20} width="60%" mb="sm" />
              <Skeleton height={12} mb={6} />
              <Skeleton height={12} width="80%" />
            </Card>
          ))}
        </Stack>
      ) : (
        <>
          <MeetingPanel agreementId={agreementId} status={status} boardSeq={board.state.seq} />
          <Text size="sm" c="dimmed" data-testid="activity-count">
            {t('board.count', { count: activities.length })}
          </Text>
          {activities.length === 0 && <Text>{t('board.empty')}</Text>}
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragEnd={onDragEnd}
            accessibility={{
              screenReaderInstructions: { draggable: t('board.dnd.instructions') },
              announcements: {
                onDragStart: ({ active }) => t('board.dnd.start', { title: titleOf(active.id) }),
                onDragOver: ({ active, over }) => (over ? t('board.dnd.over', { title: titleOf(active.id), position: positionOf(over.id) }) : undefined),
                onDragEnd: ({ active, over }) => (over ? t('board.dnd.end', { title: titleOf(active.id), position: positionOf(over.id) }) : undefined),
                onDragCancel: ({ active }) => t('board.dnd.cancel', { title: titleOf(active.id) }),
              },
            }}
          >
            <SortableContext items={activities.map((a) => a.id)} strategy={verticalListSortingStrategy}>
              <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="board-list" data-seq={board.state.seq} data-applied-events={board.stats.applied} data-board-loads={board.stats.loads}>
                {activities.map((activity, index) => {
                  const mine = canChangeActivity(me, activity);
                  const editable = editableBoard && mine;
                  const entry = editing[activity.id] ?? null;
                  return (
                    <ActivityCard
                      key={activity.id}
                      activity={activity}
                      index={index}
                      count={activities.length}
                      editable={editable}
                      movable={editable}
                      readOnlyReason={editableBoard && !mine && me.role === 'OPD_EDITOR' ? t('board.otherOpd', { opd: activity.opd.code }) : null}
                      locks={locksFor(activity.id)}
                      editing={entry}
                      saving={saving === activity.id}
                      onEdit={() => setEditing((all) => ({ ...all, [activity.id]: { base: activity, draft: draftOf(activity) } }))}
                      onDraft={(draft) => setEditing((all) => (all[activity.id] ? { ...all, [activity.id]: { ...all[activity.id], draft } } : all))}
                      onFocusField={(field) => announceEditing(activity.id, field)}
                      onSave={() => save(activity)}
                      onCancel={() => stopEditing(activity.id)}
                      onRemove={() => void remove(activity)}
                      onMove={(direction) => void move(activity, index + direction)}
                    />
                  );
                })}
              </Stack>
            </SortableContext>
          </DndContext>

          {editableBoard && canAdd(me) && (
            <Card withBorder padding="md" component="section" aria-labelledby="add-activity-heading">
              <form onSubmit={add}>
                <Stack gap="sm">
                  <Title order={3} size="h5" id="add-activity-heading">
                    {t('board.add')}
                  </Title>
                  <Group align="flex-end" wrap="wrap">
                    <TextInput label={t('board.addTitle')} value={newTitle} onChange={(e) => setNewTitle(e.currentTarget.value)} required style={{ flex: 1, minWidth: 240 }} maxLength={300} />
                    {me.role !== 'OPD_EDITOR' && page.data && (
                      <NativeSelect
                        label={t('board.addOpd')}
                        value={newOpd || page.data.opds[0]?.id}
                        onChange={(e) => setNewOpd(e.currentTarget.value)}
                        data={page.data.opds.map((opd) => ({ value: opd.id, label: `${opd.code} — ${opd.name}` }))}
                        style={{ minWidth: 220 }}
                      />
                    )}
                    <Button type="submit" loading={adding} disabled={!newTitle.trim()}>
                      {t('board.addSubmit')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Card>
          )}

          {removed.length > 0 && (
            <Card withBorder padding="md" component="section" aria-labelledby="removed-heading" data-testid="removed-list">
              <Title order={3} size="h5" id="removed-heading" mb="sm">
                {t('board.removedList')}
              </Title>
              <Stack gap="xs">
                {removed.map((activity) => (
                  <Group key={activity.id} justify="space-between" data-testid="removed-activity" data-activity-id={activity.id}>
                    <Text size="sm" td="line-through">
                      {activity.title} ({activity.opd.code})
                    </Text>
                    {editableBoard && canChangeActivity(me, activity) && (
                      <Button size="xs" variant="light" onClick={() => void restore(activity)} aria-label={`${t('board.restore')}: ${activity.title}`}>
                        {t('board.restore')}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            </Card>
          )}
        </>
      )}

      <ConflictDialog conflict={conflict} busy={saving !== null} onResolve={resolveConflict} onClose={() => setConflict(null)} />
    </Stack>
  );
}
