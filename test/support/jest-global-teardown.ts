import { checkNoMismatch } from './verify-execution';

export default function globalTeardown(): void {
  checkNoMismatch();
}
