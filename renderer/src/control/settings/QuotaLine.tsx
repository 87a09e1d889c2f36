// A source's daily quota as Settings shows it: units used today, what the rest of the planned
// show needs at the platform's pace, and a warning before it runs out.
import { useTranslation } from 'react-i18next';
import type { SourceQuota } from '../../../../src/shared/state';

export function QuotaLine({ quota }: { quota: SourceQuota | null }) {
  const { t, i18n } = useTranslation();
  if (quota === null) return null;
  const number = (n: number): string => n.toLocaleString(i18n.language);
  const time = new Date(quota.resetsAt).toLocaleTimeString(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
  });
  const left = quota.dailyUnits - quota.usedToday;
  const seconds = (quota.pollEveryMs / 1000).toFixed(1);
  return (
    <div className="quota" data-testid="source-quota">
      <p>
        <meter
          min={0}
          max={quota.dailyUnits}
          value={quota.usedToday}
          low={quota.dailyUnits * 0.7}
          high={quota.dailyUnits * 0.9}
          optimum={0}
        />{' '}
        {t('settings.quotaUsed', {
          used: number(quota.usedToday),
          daily: number(quota.dailyUnits),
          time,
        })}
      </p>
      <p>
        {quota.plannedNeed > left
          ? t('settings.quotaShort', { seconds })
          : t('settings.quotaPlanned', { need: number(quota.plannedNeed), seconds })}
      </p>
      {left < quota.dailyUnits * 0.1 && (
        <p className="warning" role="alert">
          {t('settings.quotaAlmostGone', { time })}
        </p>
      )}
    </div>
  );
}
