import type { PropsWithChildren } from 'react';
import { enableH5Accessibility } from '@/components/a11y';
import { listenForPrivacyRequests } from '@/services/privacy';
import './app.scss';

// Once for the whole app: WeChat asks this listener before any privacy-controlled API runs.
listenForPrivacyRequests();
// In H5, Taro's buttons and chips reached and tapped from the keyboard too, and the page a landmark.
enableH5Accessibility();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
