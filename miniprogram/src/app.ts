import type { PropsWithChildren } from 'react';
import { listenForPrivacyRequests } from '@/services/privacy';
import './app.scss';

// Once for the whole app: WeChat asks this listener before any privacy-controlled API runs.
listenForPrivacyRequests();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
