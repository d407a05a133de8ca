import 'reflect-metadata';
import { setUpVerifyMode } from './verify-execution';
import { createSeededTemplates } from './seeded-template';

export default async function globalSetup(): Promise<void> {
  setUpVerifyMode();
  await createSeededTemplates();
}
