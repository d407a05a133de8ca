import { AgreementView } from '../features/agreement/AgreementView';

export function AgreementPage() {
  return <AgreementView />;
}
