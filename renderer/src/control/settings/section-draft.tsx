// One save state per Settings section: the forms inside a section register their draft (edited
// or not, and how to save it); the section shows one Save and one status line and saves every
// edited form in turn. Drafts live in their forms, which stay mounted while another section shows.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Ack } from '../../../../src/shared/protocol';
import { useShow } from '../context';
import { useSave, type SaveState } from './use-save';

export interface DraftPart {
  dirty: boolean;
  /** False while the draft cannot be saved yet (YouTube without its video). */
  ready: boolean;
  /** Sends the draft; the form clears its own "edited" once the core took it. */
  save: () => Promise<Ack>;
}

interface SectionDraft {
  register: (key: string, part: DraftPart | null) => void;
  /** Saves every edited form of the section (Enter in a field does the same). */
  saveAll: () => void;
  /** An action of the section (Disconnect, Reset) whose outcome shows in the same status. */
  act: (work: () => Promise<Ack>) => void;
}

const Context = createContext<SectionDraft | null>(null);

/** Registers a form's draft with its section, as long as the form is mounted. */
export function useDraftPart(key: string, part: DraftPart): SectionDraft {
  const section = useContext(Context);
  if (!section) throw new Error('useDraftPart outside a settings section');
  const save = useRef(part.save);
  save.current = part.save;
  const { register } = section;
  useEffect(() => {
    register(key, { dirty: part.dirty, ready: part.ready, save: () => save.current() });
  }, [register, key, part.dirty, part.ready]);
  useEffect(() => () => register(key, null), [register, key]);
  return section;
}

/** For sections whose actions apply at once and that hold no draft. */
export function useSectionAct(): SectionDraft['act'] {
  const section = useContext(Context);
  if (!section) throw new Error('useSectionAct outside a settings section');
  return section.act;
}

async function saveInTurn(parts: DraftPart[]): Promise<Ack> {
  for (const part of parts) {
    const result = await part.save();
    if (!result.ok) return result;
  }
  return { ok: true };
}

function useSection(onDirty: (dirty: boolean) => void) {
  const parts = useRef(new Map<string, DraftPart>());
  const [, setVersion] = useState(0);
  const [save, run] = useSave();
  const register = useCallback((key: string, part: DraftPart | null) => {
    if (part) parts.current.set(key, part);
    else parts.current.delete(key);
    setVersion((v) => v + 1);
  }, []);
  const edited = [...parts.current.values()].filter((p) => p.dirty);
  const dirty = edited.length > 0;
  const ready = edited.every((p) => p.ready);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const saveAll = useCallback(() => {
    const now = [...parts.current.values()].filter((p) => p.dirty);
    if (now.length > 0 && now.every((p) => p.ready)) void run(() => saveInTurn(now));
  }, [run]);
  const act = useCallback((work: () => Promise<Ack>) => void run(work), [run]);
  const value = useMemo(() => ({ register, saveAll, act }), [register, saveAll, act]);
  return { value, save, dirty, ready, hasDraft: parts.current.size > 0 };
}

function statusText(t: TFunction, save: SaveState, dirty: boolean): string {
  if (save.kind === 'saving') return t('settings.saving');
  if (save.kind === 'failed') return t('settings.saveFailed', { error: save.error });
  if (dirty) return t('settings.unsaved');
  if (save.kind === 'saved') return save.note ?? t('settings.saved');
  return '';
}

export interface SettingsSectionProps {
  id: string;
  label: string;
  active: boolean;
  /** The Save button's words where "Save" says too little (OBS: save and connect). */
  saveLabel?: string;
  onDirty: (id: string, dirty: boolean) => void;
  children: ReactNode;
}

/** A section of Settings: its forms, then one Save with one status, fixed at the bottom. */
export function SettingsSection(props: SettingsSectionProps) {
  const { t } = useTranslation();
  const { status } = useShow();
  const { id, onDirty } = props;
  const report = useCallback((dirty: boolean) => onDirty(id, dirty), [id, onDirty]);
  const section = useSection(report);
  const failed = section.save.kind === 'failed';
  const state = section.dirty && !failed ? 'unsaved' : section.save.kind;
  return (
    <Context.Provider value={section.value}>
      <section
        className="settings__section"
        id={`settings-${id}`}
        aria-label={props.label}
        hidden={!props.active}
        data-testid={`settings-${id}`}
      >
        {props.children}
        <div className={`settings__savebar settings__savebar--${state}`}>
          {section.hasDraft ? (
            <button
              type="button"
              className="button button--primary"
              data-testid="section-save"
              disabled={
                status.kind !== 'connected' ||
                !section.dirty ||
                !section.ready ||
                section.save.kind === 'saving'
              }
              onClick={section.value.saveAll}
            >
              {props.saveLabel ?? t('settings.save')}
            </button>
          ) : (
            <span className="muted">{t('settings.appliesAtOnce')}</span>
          )}
          <span className="settings__status" role="status" data-testid="section-status">
            {statusText(t, section.save, section.dirty)}
          </span>
        </div>
      </section>
    </Context.Provider>
  );
}
