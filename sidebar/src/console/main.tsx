import { createRoot } from 'react-dom/client';
import 'tdesign-react/es/style/index.css';
import './console.css';
import { ConsoleApp } from './ConsoleApp';

createRoot(document.getElementById('root')!).render(<ConsoleApp />);
