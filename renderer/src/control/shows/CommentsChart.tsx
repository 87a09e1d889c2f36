// Comments per minute as bars, with a line where each segment started: drawn as SVG, no library.
import { useTranslation } from 'react-i18next';
import type { SegmentStart } from '../../../../src/shared/state';

const WIDTH = 720;
const HEIGHT = 180;
const PAD = { left: 32, right: 8, top: 22, bottom: 20 };

export function CommentsChart({
  perMinute,
  chartStart,
  segments,
}: {
  perMinute: number[];
  chartStart: string | null;
  segments: SegmentStart[];
}) {
  const { t } = useTranslation();
  const minutes = Math.max(1, perMinute.length);
  const peak = Math.max(1, ...perMinute);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (minute: number): number => PAD.left + (minute / minutes) * plotW;
  // A short show keeps slim bars: one minute is never a wall of colour.
  const barW = Math.min(24, Math.max(1, plotW / minutes - 1));
  const start = chartStart === null ? null : Date.parse(chartStart);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('report.chart')}
      data-testid="comments-chart"
    >
      <line
        x1={PAD.left}
        y1={PAD.top + plotH}
        x2={WIDTH - PAD.right}
        y2={PAD.top + plotH}
        className="chart__axis"
      />
      <text x={PAD.left - 4} y={PAD.top + 4} className="chart__label" textAnchor="end">
        {peak}
      </text>
      <text x={PAD.left - 4} y={PAD.top + plotH} className="chart__label" textAnchor="end">
        0
      </text>
      {perMinute.map((count, minute) => {
        const h = (count / peak) * plotH;
        return (
          <rect
            key={minute}
            className="chart__bar"
            x={x(minute)}
            y={PAD.top + plotH - h}
            width={barW}
            height={h}
          >
            <title>{`${minute}′: ${count}`}</title>
          </rect>
        );
      })}
      {start !== null &&
        segments.map((s, i) => {
          const minute = (Date.parse(s.startedAt) - start) / 60_000;
          if (minute < 0 || minute > minutes) return null;
          // Labels of segments that start close together would overlap: the line still shows.
          const previous = segments[i - 1];
          const crowded =
            previous !== undefined &&
            x(minute) - x((Date.parse(previous.startedAt) - start) / 60_000) < 60;
          return (
            <g key={`${s.segmentId}-${s.startedAt}`}>
              <line
                x1={x(minute)}
                y1={PAD.top - 4}
                x2={x(minute)}
                y2={PAD.top + plotH}
                className="chart__segment"
              />
              {!crowded && (
                <text x={x(minute) + 3} y={PAD.top - 8} className="chart__label">
                  {s.title}
                </text>
              )}
            </g>
          );
        })}
      <text x={WIDTH - PAD.right} y={HEIGHT - 4} className="chart__label" textAnchor="end">
        {`${minutes}′`}
      </text>
    </svg>
  );
}
