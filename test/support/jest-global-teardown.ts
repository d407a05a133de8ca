import { checkNoMismatch } from './verify-execution';
import { dropSeededTemplates } from './seeded-template';

export default async function globalTeardown(): Promise<void> {
  await dropSeededTemplates();
  checkNoMismatch();
}
