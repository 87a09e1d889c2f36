// A small line of the bitrate over the last minute, for OBS and for each destination.

export function BitrateChart({ history, small = false }: { history: number[]; small?: boolean }) {
  const className = small ? 'chart chart--small' : 'chart';
  if (history.length < 2)
    return <svg className={className} viewBox="0 0 240 48" aria-hidden="true" />;
  const max = Math.max(...history, 1);
  const points = history
    .map((v, i) => `${(i / (history.length - 1)) * 240},${46 - (v / max) * 42}`)
    .join(' ');
  return (
    <svg className={className} viewBox="0 0 240 48" aria-hidden="true" preserveAspectRatio="none">
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
