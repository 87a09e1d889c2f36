// The lower third as OBS has it: how "Set up OBS" wired it into the scenes (stored), and what OBS
// confirms is on program right now (mirrored to every client). Declared once, here.
import { z } from 'zod';

/** The nested scene (native) that holds bar, name and text sources. */
export const LOWER_THIRD_SCENE = 'Panelcast Lower Third';
/** The browser source on /overlay, where OBS has one and the producer chose it. */
export const OVERLAY_BROWSER_INPUT = 'Panelcast Overlay';

export const lowerThirdSetupSchema = z.object({
  mode: z.enum(['native', 'browser']),
  /** The scene (native) or browser source (browser) added as an item to each scene. */
  source: z.string().min(1),
  /** The scenes it was added to; "Set up OBS" only ever adds to this list. */
  scenes: z.array(z.string()),
  accent: z.string().regex(/^#[0-9a-f]{6}$/i),
});
export type LowerThirdSetup = z.infer<typeof lowerThirdSetupSchema>;

/** Why the lower third is not (or not surely) on program, as a code the UI words. */
export type ScreenWarning =
  | { code: 'lower_third_not_set_up' }
  | { code: 'obs_not_connected' }
  | { code: 'program_without_lower_third'; scene: string }
  | { code: 'preview_without_lower_third'; scene: string }
  | { code: 'lower_third_not_confirmed' };

export interface ScreenState {
  /** What Panelcast wants on screen. */
  wanted: 'none' | 'guest' | 'question';
  /** OBS confirmed: the lower-third item is enabled in the current program scene. */
  onProgram: boolean;
  programScene: string | null;
  /** Whether the program scene holds the lower-third item at all (null: not known). */
  programHasLowerThird: boolean | null;
  /** In studio mode: the preview scene, and whether a transition will keep the lower third. */
  previewScene: string | null;
  previewHasLowerThird: boolean | null;
  /** The first thing the producer should know, most urgent first; null when all is well. */
  warning: ScreenWarning | null;
}

export const INITIAL_SCREEN: ScreenState = {
  wanted: 'none',
  onProgram: false,
  programScene: null,
  programHasLowerThird: null,
  previewScene: null,
  previewHasLowerThird: null,
  warning: null,
};
