// The show's life: plan it, go live (only on purpose: a stream alone may be a rehearsal), end it
// (confirmed), start the next one from the template or the last show, and carry chosen questions
// over. A new show starts with an empty queue.
import type { IntentRegistry } from '../../core/intent-registry.js';
import type { QueueController } from '../../queue/service/queue-controller.js';
import { UserError } from '../../shared/errors.js';
import { message } from '../../shared/messages/message.js';
import type { ShowInfo } from '../../shared/show.js';
import type { StateHub } from '../../shared/state-hub.js';
import type { AuditLog } from '../../store/audit-log.js';
import type { SegmentStartLog } from '../../store/segment-starts.js';
import type { SettingsStore } from '../../store/settings-store.js';
import type { ShowPlan, ShowStore } from '../../store/show-store.js';

export interface LifecycleDeps {
  shows: ShowStore;
  queue: QueueController;
  starts: SegmentStartLog;
  hub: StateHub;
  settings: SettingsStore;
  audit: AuditLog;
}

/** Puts the current show, its title and its rundown progress in front of every client. */
export function publishShow(deps: Omit<LifecycleDeps, 'queue'>): void {
  const { shows, hub, settings, starts } = deps;
  const show = shows.current;
  hub.set('show', show);
  hub.update('app', (app) => ({ ...app, showTitle: show.title === '' ? null : show.title }));
  const segments = settings.get('show.rundown');
  const position = settings.get('show.rundownPosition');
  hub.set('rundown', { segments, ...position, starts: starts.list() });
  hub.set('guests', settings.get('show.guests'));
}

function planFrom(deps: LifecycleDeps, from: 'last' | 'template'): ShowPlan {
  const { shows, settings } = deps;
  if (from === 'template') {
    const template = settings.get('show.template');
    if (!template) throw new UserError('conflict', message('show.no_template'));
    return { ...template, plannedStart: null };
  }
  const last = shows.current;
  return {
    title: last.title,
    hashtags: last.hashtags,
    preShowMin: last.preShowMin,
    sources: last.sources,
    destinations: last.destinations,
    plannedStart: null,
    rundown: settings.get('show.rundown'),
    guests: settings.get('show.guests'),
  };
}

/** Refuses sources and destinations the core does not know (a typo, or one removed since). */
function mustKnowChoice(
  deps: Pick<LifecycleDeps, 'hub' | 'settings'>,
  plan: { sources?: string[] | null; destinations?: string[] | null },
): void {
  const sources = new Set(deps.hub.get('sourceForms').map((s) => s.id));
  const unknownSource = plan.sources?.find((id) => !sources.has(id));
  if (unknownSource !== undefined)
    throw new UserError('invalid', message('show.unknown_source', { source: unknownSource }));
  const destinations = new Set(deps.settings.get('relay.destinations').map((d) => d.id));
  const unknownDestination = plan.destinations?.find((id) => !destinations.has(id));
  if (unknownDestination !== undefined) {
    throw new UserError(
      'invalid',
      message('show.unknown_destination', { destination: unknownDestination }),
    );
  }
}

function mustBeOpen(show: ShowInfo): void {
  if (show.state === 'ended') throw new UserError('conflict', message('show.already_ended'));
}

export function registerLifecycleIntents(intents: IntentRegistry, deps: LifecycleDeps): void {
  const { shows, queue, hub, settings, audit } = deps;
  const changed = (actor: string, action: string, detail: unknown): { show: ShowInfo } => {
    audit.append({ actor, action, target: String(shows.currentId), detail });
    publishShow(deps);
    return { show: shows.current };
  };

  intents.handle('show:plan', (plan, { actor }) => {
    mustBeOpen(shows.current);
    mustKnowChoice(deps, plan);
    shows.update(plan);
    if (plan.title !== undefined) settings.set('show.title', plan.title);
    return changed(actor, 'show:plan', plan);
  });

  intents.handle('show:goLive', (_input, { actor }) => {
    const show = shows.current;
    if (show.state !== 'planned') {
      throw new UserError('conflict', message('show.not_planned', { state: show.state }));
    }
    shows.setState('live', new Date().toISOString());
    return changed(actor, 'show:goLive', undefined);
  });

  intents.handle('show:end', (_input, { actor }) => {
    mustBeOpen(shows.current);
    // The plan it ran with stays with it, for the archive and the report.
    shows.update({ rundown: settings.get('show.rundown'), guests: settings.get('show.guests') });
    shows.setState('ended', new Date().toISOString());
    return changed(actor, 'show:end', undefined);
  });

  intents.handle('show:new', (input, { actor }) => {
    const current = shows.current;
    if (current.state !== 'ended') {
      throw new UserError('conflict', message('show.not_ended', { state: current.state }));
    }
    const plan = planFrom(deps, input.from);
    shows.create({
      ...plan,
      title: input.title ?? plan.title,
      plannedStart: input.plannedStart ?? null,
    });
    settings.set('show.title', shows.current.title === '' ? null : shows.current.title);
    settings.set('show.rundown', plan.rundown);
    settings.set('show.guests', plan.guests);
    settings.set('show.rundownPosition', { index: -1, startedAt: null });
    queue.reload();
    return changed(actor, 'show:new', { from: input.from, previous: current.id });
  });

  intents.handle('show:saveTemplate', (_input, { actor }) => {
    const show = shows.current;
    const template = {
      title: show.title,
      hashtags: show.hashtags,
      preShowMin: show.preShowMin,
      sources: show.sources,
      destinations: show.destinations,
      rundown: settings.get('show.rundown'),
      guests: settings.get('show.guests'),
    };
    settings.set('show.template', template);
    audit.append({
      actor,
      action: 'show:saveTemplate',
      target: null,
      detail: { title: show.title },
    });
    return {};
  });

  intents.handle('show:carryOver', ({ ids }, { actor }) => {
    mustBeOpen(shows.current);
    const moved = queue.carryOver(ids);
    if (moved.length === 0) throw new UserError('conflict', message('show.nothing_to_carry'));
    audit.append({ actor, action: 'show:carryOver', target: null, detail: { ids: moved } });
    hub.set('show', shows.current);
    return { carried: moved };
  });
}
