// How producer panels ask the core for something: an intent and its payload; the view shows the outcome.
import type { ControlIntentName } from '../../../../src/shared/protocol';

export type Send = (intent: ControlIntentName, payload: Record<string, unknown>) => Promise<void>;
