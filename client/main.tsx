import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { ImmersiveEntryContext } from './session/immersive-entry.ts';
import { XrEntry } from './xr/xr-entry.tsx';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
// The session page's desktop shell shows the immersive shell's way in (the shells never import each other).
createRoot(root).render(
  <ImmersiveEntryContext.Provider value={XrEntry}>
    <App />
  </ImmersiveEntryContext.Provider>,
);
