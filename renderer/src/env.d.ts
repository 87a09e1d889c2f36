import type { DesktopApi } from '../../src/shared/desktop-api';

declare global {
  interface Window {
    /** Present only inside the Electron shell. */
    panelcast?: DesktopApi;
  }
}
