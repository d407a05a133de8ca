import { setUpVerifyMode } from './verify-execution';

export default function globalSetup(): void {
  setUpVerifyMode();
}
