/** The Lamps panel. */
import type { PanelEnv, PanelHandle } from './panel';

export function mountLampsPanel(root: HTMLElement, env: PanelEnv): PanelHandle {
  const heading = document.createElement('h2');
  heading.className = 'kl-h';
  root.append(heading);
  return {
    shown() {},
    render() {
      heading.textContent = env.tr('sidebar.tab.lamps');
    },
  };
}
