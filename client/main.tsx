import { createRoot } from 'react-dom/client';

// Shell of the app page. The app (client/app/) mounts here once it exists; until then the page
// says where the point-cloud view can be seen.
const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <main style={{ padding: 24, maxWidth: 640 }}>
    <h1 style={{ fontWeight: 600 }}>Data Mirage</h1>
    <p>
      Open a session link to explore a dataset. The 3D view can be tried on its own in the{' '}
      <a href="./scene-lab/index.html?n=100000" style={{ color: '#8cc8ff' }}>scene lab</a>.
    </p>
  </main>,
);
