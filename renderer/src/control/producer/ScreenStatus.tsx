// What OBS confirms of the lower third, worded for the producer and the moderator: "On screen"
// only when OBS says the item is enabled in the program scene; otherwise why not.
import { useTranslation } from 'react-i18next';
import type { ScreenState } from '../../../../src/shared/on-screen';

/** Badge for one thing that wants to be on screen (a guest, or the question on air). */
export function ScreenBadge({ screen, kind }: { screen: ScreenState; kind: 'guest' | 'question' }) {
  const { t } = useTranslation();
  if (screen.wanted !== kind) return null;
  // Only a warning about the program itself means it cannot show; the others are about later.
  const code = screen.warning?.code;
  const blocked =
    code !== undefined &&
    code !== 'lower_third_not_confirmed' &&
    code !== 'preview_without_lower_third';
  const state = screen.onProgram ? 'on' : blocked ? 'off' : 'waiting';
  const label = {
    on: t('screen.onScreen'),
    off: t('screen.notOnProgram'),
    waiting: t('screen.waiting'),
  }[state];
  return (
    <span className={`screen-state screen-state--${state}`} data-testid={`screen-${kind}`}>
      {label}
    </span>
  );
}

/** The warning before anyone presses a button, and after: what will not reach the program. */
export function ScreenWarningLine({ screen }: { screen: ScreenState }) {
  const { t } = useTranslation();
  const warning = screen.warning;
  if (warning && warning.code !== 'lower_third_not_confirmed') {
    const scene = 'scene' in warning ? warning.scene : '';
    return (
      <p className="screen-warning" role="alert" data-testid="screen-warning">
        {t(`screen.warning.${warning.code}`, { scene })}
      </p>
    );
  }
  if (screen.previewScene && screen.previewHasLowerThird && screen.wanted !== 'none') {
    return <p className="muted">{t('screen.previewKeeps', { scene: screen.previewScene })}</p>;
  }
  return null;
}
