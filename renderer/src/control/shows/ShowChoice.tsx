// Which comment sources this show reads and which destinations it is pushed to. Only the chosen
// sources run while it is current; the relay starts pushes only to the chosen destinations.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShowInfo } from '../../../../src/shared/show';
import { refusalText, useWording } from '../../i18n/messages';
import { useConnection, useShow } from '../context';

interface Option {
  id: string;
  label: string;
}

/** The ids checked for a saved choice: every option where the show uses them all (null). */
function checkedFor(saved: readonly string[] | null, options: readonly Option[]): string[] {
  return saved === null ? options.map((o) => o.id) : [...saved];
}

/** What to save: null (every one, also ones added later) where all are checked. */
function toSave(checked: readonly string[], options: readonly Option[]): string[] | null {
  return options.every((o) => checked.includes(o.id)) ? null : [...checked];
}

function Choices(props: {
  legend: string;
  name: string;
  options: Option[];
  checked: string[];
  disabled: boolean;
  onChange: (checked: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="show-choice__group" data-testid={`show-${props.name}`}>
      <legend>{props.legend}</legend>
      {props.options.length === 0 && <p className="muted">{t('shows.noneSetUp')}</p>}
      {props.options.map((option) => (
        <label key={option.id} className="show-choice__option">
          <input
            type="checkbox"
            name={props.name}
            value={option.id}
            disabled={props.disabled}
            checked={props.checked.includes(option.id)}
            onChange={(e) =>
              props.onChange(
                e.target.checked
                  ? [...props.checked, option.id]
                  : props.checked.filter((id) => id !== option.id),
              )
            }
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function ShowChoice({ show }: { show: ShowInfo }) {
  const { t, i18n } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state } = useShow();
  const language = i18n.language === 'de' ? 'de' : 'en';
  const sourceOptions = (state?.sourceForms ?? []).map((f) => ({
    id: f.id,
    label: f.label[language],
  }));
  const destinationOptions = (state?.relay.destinations ?? []).map((d) => ({
    id: d.id,
    label: d.name,
  }));
  const savedKey = `${show.id}|${JSON.stringify(show.sources)}|${JSON.stringify(show.destinations)}|${sourceOptions.length}|${destinationOptions.length}`;
  const [shown, setShown] = useState(savedKey);
  const [sources, setSources] = useState(checkedFor(show.sources, sourceOptions));
  const [destinations, setDestinations] = useState(
    checkedFor(show.destinations, destinationOptions),
  );
  const [note, setNote] = useState<string | null>(null);
  if (shown !== savedKey) {
    // Another show became current, or the choice changed elsewhere: the boxes follow.
    setShown(savedKey);
    setSources(checkedFor(show.sources, sourceOptions));
    setDestinations(checkedFor(show.destinations, destinationOptions));
  }
  const open = show.state !== 'ended';

  return (
    <form
      className="show-choice"
      aria-labelledby="show-choice-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void connection
          .request('show:plan', {
            sources: toSave(sources, sourceOptions),
            destinations: toSave(destinations, destinationOptions),
          })
          .then((result) =>
            setNote(result.ok ? t('shows.choiceSaved') : refusalText(word, result)),
          );
      }}
    >
      <h3 id="show-choice-heading">{t('shows.choiceHeading')}</h3>
      <p className="muted">{t('shows.choiceHelp')}</p>
      <Choices
        legend={t('shows.sources')}
        name="sources"
        options={sourceOptions}
        checked={sources}
        disabled={!open}
        onChange={setSources}
      />
      <Choices
        legend={t('shows.destinations')}
        name="destinations"
        options={destinationOptions}
        checked={destinations}
        disabled={!open}
        onChange={setDestinations}
      />
      {open && (
        <button type="submit" className="button">
          {t('shows.saveChoice')}
        </button>
      )}
      {note && (
        <p className="show-note" role="status">
          {note}
        </p>
      )}
    </form>
  );
}
