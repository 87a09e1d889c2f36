// The rundown's intents: set the plan, start the next (or a chosen) segment, which switches OBS
// to its scene and records when it started, and reset the progress.
import type { IntentRegistry } from '../../core/intent-registry.js';
import type { ObsConnection } from '../../obs/obs-connection.js';
import { UserError } from '../../shared/errors.js';
import { message } from '../../shared/messages/message.js';
import type { RundownState } from '../../shared/state.js';
import { advance, clampPosition } from '../rundown.js';
import { newId, type ShowApiDeps } from './show-intents.js';

export function initialShow(deps: Pick<ShowApiDeps, 'starts' | 'settings'>): {
  rundown: RundownState;
} {
  const segments = deps.settings.get('show.rundown');
  const position = clampPosition(deps.settings.get('show.rundownPosition'), segments.length);
  return { rundown: { segments, ...position, starts: deps.starts.list() } };
}

/** Switches OBS to the segment's scene, the way the producer would (through preview in studio mode). */
async function switchForSegment(obs: ObsConnection, scene: string): Promise<string | null> {
  const state = obs.state;
  if (state.status !== 'connected') {
    return `OBS is not connected, so the scene did not change: switch to "${scene}" by hand.`;
  }
  if (!state.scenes.includes(scene))
    return `OBS has no scene "${scene}"; the scene did not change.`;
  if (state.programScene === scene) return null;
  if (state.studioMode) {
    await obs.call('SetCurrentPreviewScene', { sceneName: scene });
    await obs.call('TriggerStudioModeTransition');
  } else {
    await obs.call('SetCurrentProgramScene', { sceneName: scene });
  }
  return null;
}

export function registerRundownIntents(intents: IntentRegistry, deps: ShowApiDeps): void {
  const { starts, hub, obs, settings, audit } = deps;
  const start = async (to: number | undefined, actor: string) => {
    const rundown = hub.get('rundown');
    const step = advance(rundown.segments, rundown, new Date(), obs.state.stream.startedAt, to);
    if (!step) {
      throw new UserError(
        'conflict',
        rundown.segments.length === 0 ? message('show.rundown_empty') : message('show.rundown_end'),
      );
    }
    starts.append(step.start);
    settings.set('show.rundownPosition', step.position);
    hub.set('rundown', { ...rundown, ...step.position, starts: [...rundown.starts, step.start] });
    audit.append({
      actor,
      action: 'rundown:start',
      target: step.segment.id,
      detail: { title: step.segment.title },
    });
    const note =
      step.segment.scene === null ? null : await switchForSegment(obs, step.segment.scene);
    return { segment: step.segment.title, note };
  };

  intents.handle('rundown:set', ({ segments }, { actor }) => {
    const plan = segments.map((s) => ({
      ...s,
      id: s.id ?? newId(),
      scene: s.scene ?? null,
      notes: s.notes ?? '',
    }));
    const ids = new Set(plan.map((s) => s.id));
    if (ids.size !== plan.length) throw new UserError('invalid', message('show.duplicate_segment'));
    settings.set('show.rundown', plan);
    const rundown = hub.get('rundown');
    const position = clampPosition(rundown, plan.length);
    settings.set('show.rundownPosition', position);
    hub.set('rundown', { ...rundown, ...position, segments: plan });
    audit.append({ actor, action: 'rundown:set', target: null, detail: { count: plan.length } });
    return {};
  });
  intents.handle('rundown:next', (_input, { actor }) => start(undefined, actor));
  intents.handle('rundown:goto', ({ index }, { actor }) => start(index, actor));
  intents.handle('rundown:reset', (_input, { actor }) => {
    starts.clear();
    const position = { index: -1, startedAt: null };
    settings.set('show.rundownPosition', position);
    hub.update('rundown', (r) => ({ ...r, ...position, starts: [] }));
    audit.append({ actor, action: 'rundown:reset', target: null, detail: undefined });
    return {};
  });
}
