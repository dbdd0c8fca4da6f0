import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(<App />);
