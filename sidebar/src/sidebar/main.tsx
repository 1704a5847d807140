import { createRoot } from 'react-dom/client';
import { SidebarApp } from './SidebarApp';
import 'tdesign-react/es/style/index.css';
import './sidebar.css';

performance.mark('lodestar:sidebar-start');
createRoot(document.getElementById('root')!).render(<SidebarApp />);
