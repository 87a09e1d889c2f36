// The first-run checklist above the producer's panels: what is still missing before a show, each
// item a link to the Settings section that fixes it. It goes once everything is done, or when the
// producer hides it (remembered on this screen).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShowState } from '../../../../src/shared/state';
import { openAt } from '../router';
import {
  audienceUrl,
  checklist,
  checklistHidden,
  linkCopied,
  setChecklistHidden,
} from './checklist';

export function FirstRunChecklist({ state }: { state: ShowState }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(checklistHidden);
  const items = checklist(state, linkCopied(audienceUrl(state)));
  const left = items.filter((item) => !item.done).length;
  if (hidden || left === 0) return null;
  return (
    <section className="checklist" aria-labelledby="checklist-heading" data-testid="checklist">
      <h2 id="checklist-heading" className="checklist__title">
        {t('checklist.title', { left, total: items.length })}
      </h2>
      <ul className="checklist__items">
        {items.map((item) => (
          <li
            key={item.id}
            className={`checklist__item${item.done ? ' checklist__item--done' : ''}`}
            data-testid={`check-${item.id}`}
            data-done={item.done}
          >
            <span className="checklist__mark" aria-hidden="true">
              {item.done ? '✓' : '○'}
            </span>
            <a
              href={`/settings#${item.section}`}
              onClick={(event) => {
                event.preventDefault();
                openAt('settings', item.section);
              }}
            >
              {t(`checklist.${item.id}`)}
              <span className="visually-hidden">
                {' '}
                ({item.done ? t('checklist.done') : t('checklist.open')})
              </span>
            </a>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button checklist__hide"
        onClick={() => {
          setChecklistHidden(true);
          setHidden(true);
        }}
      >
        {t('checklist.hide')}
      </button>
    </section>
  );
}
