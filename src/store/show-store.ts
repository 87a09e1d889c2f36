// The shows table: which show is current (the newest), its plan and lifecycle, and the archive
// list. Comments, segment starts and actions read the current show's id from here.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  showInfoSchema,
  type ArchivedShow,
  type ShowInfo,
  type ShowLifecycle,
} from '../shared/show.js';
import { guestSchema, segmentSchema, type Guest, type Segment } from '../shared/shapes.js';

/** What the stores that belong to a show ask: which show is current now. */
export interface ShowScope {
  readonly currentId: number;
}

interface ShowRow {
  id: number;
  title: string;
  hashtags: string;
  planned_start: string | null;
  pre_show_min: number;
  sources: string | null;
  destinations: string | null;
  rundown: string;
  guests: string;
  state: string;
  created_at: string;
  live_at: string | null;
  ended_at: string | null;
}

export interface ShowPlan {
  title: string;
  hashtags: string[];
  plannedStart: string | null;
  preShowMin: number;
  sources: string[] | null;
  destinations: string[] | null;
  rundown: Segment[];
  guests: Guest[];
}

const DEFAULT_PRE_SHOW_MIN = 30;

function parsedList<T>(text: string, schema: z.ZodType<T>): T[] {
  try {
    const parsed = z.array(schema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function idsOf(text: string | null): string[] | null {
  return text === null ? null : parsedList(text, z.string());
}

function idsText(ids: readonly string[] | null): string | null {
  return ids === null ? null : JSON.stringify(ids);
}

function infoOf(row: ShowRow): ShowInfo {
  return showInfoSchema.parse({
    id: row.id,
    title: row.title,
    hashtags: parsedList(row.hashtags, z.string()),
    plannedStart: row.planned_start,
    preShowMin: row.pre_show_min,
    sources: idsOf(row.sources),
    destinations: idsOf(row.destinations),
    state: row.state,
    createdAt: row.created_at,
    liveAt: row.live_at,
    endedAt: row.ended_at,
  });
}

export class ShowStore implements ShowScope {
  readonly #db: Database;
  #current: ShowInfo;

  /** Opens the shows table; a database without any show gets a first, planned one. */
  constructor(db: Database, firstTitle: string) {
    this.#db = db;
    const newest = this.#newest();
    this.#current =
      newest ??
      this.#insert({
        title: firstTitle,
        hashtags: [],
        plannedStart: null,
        preShowMin: DEFAULT_PRE_SHOW_MIN,
        sources: null,
        destinations: null,
        rundown: [],
        guests: [],
      });
  }

  get currentId(): number {
    return this.#current.id;
  }

  get current(): ShowInfo {
    return this.#current;
  }

  get(id: number): ShowInfo | null {
    const row = this.#db.prepare('SELECT * FROM shows WHERE id = ?').get(id) as ShowRow | undefined;
    return row ? infoOf(row) : null;
  }

  /** The rundown and guests a show was run with (kept when it ends). */
  planOf(id: number): Pick<ShowPlan, 'rundown' | 'guests'> {
    const row = this.#db.prepare('SELECT rundown, guests FROM shows WHERE id = ?').get(id) as
      Pick<ShowRow, 'rundown' | 'guests'> | undefined;
    return {
      rundown: row ? parsedList(row.rundown, segmentSchema) : [],
      guests: row ? parsedList(row.guests, guestSchema) : [],
    };
  }

  /** Makes a new planned show current; the previous one must have ended (the index says so). */
  create(plan: ShowPlan): ShowInfo {
    this.#current = this.#insert(plan);
    return this.#current;
  }

  update(change: Partial<ShowPlan>): ShowInfo {
    const next = { ...this.#current, ...change };
    const params = {
      id: this.#current.id,
      title: next.title,
      hashtags: JSON.stringify(next.hashtags),
      plannedStart: next.plannedStart,
      preShowMin: next.preShowMin,
      sources: idsText(next.sources),
      destinations: idsText(next.destinations),
    };
    this.#db
      .prepare(
        `UPDATE shows SET title = @title, hashtags = @hashtags, planned_start = @plannedStart,
           pre_show_min = @preShowMin, sources = @sources, destinations = @destinations
         WHERE id = @id`,
      )
      .run(params);
    if (change.rundown) this.#setJson('rundown', change.rundown);
    if (change.guests) this.#setJson('guests', change.guests);
    return this.#reload();
  }

  setState(state: ShowLifecycle, at: string): ShowInfo {
    const column = state === 'live' ? 'live_at' : state === 'ended' ? 'ended_at' : null;
    if (column === null) throw new Error('a show never goes back to planned');
    this.#db
      .prepare(`UPDATE shows SET state = ?, ${column} = ? WHERE id = ?`)
      .run(state, at, this.#current.id);
    return this.#reload();
  }

  /** Ended shows, newest first, with their comment (asked there, carried on or not) and aired counts. */
  archive(limit: number, offset: number): { total: number; shows: ArchivedShow[] } {
    const total = (
      this.#db.prepare("SELECT COUNT(*) AS n FROM shows WHERE state = 'ended'").get() as {
        n: number;
      }
    ).n;
    const rows = this.#db
      .prepare(
        `SELECT s.id, s.title, s.state, s.planned_start AS plannedStart, s.live_at AS liveAt,
           s.ended_at AS endedAt,
           (SELECT COUNT(*) FROM comments c
             WHERE c.show_id = s.id OR c.carried_from = s.id) AS comments,
           (SELECT COUNT(DISTINCT comment_id) FROM on_air o WHERE o.show_id = s.id) AS aired
         FROM shows s WHERE s.state = 'ended' ORDER BY s.id DESC LIMIT ? OFFSET ?`,
      )
      .all(limit, offset) as ArchivedShow[];
    return { total, shows: rows };
  }

  /** The ended show before the current one, if any. */
  previous(): ShowInfo | null {
    const row = this.#db
      .prepare("SELECT * FROM shows WHERE id < ? AND state = 'ended' ORDER BY id DESC LIMIT 1")
      .get(this.#current.id) as ShowRow | undefined;
    return row ? infoOf(row) : null;
  }

  #setJson(column: 'rundown' | 'guests', value: unknown): void {
    this.#db
      .prepare(`UPDATE shows SET ${column} = ? WHERE id = ?`)
      .run(JSON.stringify(value), this.#current.id);
  }

  #insert(plan: ShowPlan): ShowInfo {
    const id = this.#db
      .prepare(
        `INSERT INTO shows (title, hashtags, planned_start, pre_show_min, sources, destinations,
           rundown, guests, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?)`,
      )
      .run(
        plan.title,
        JSON.stringify(plan.hashtags),
        plan.plannedStart,
        plan.preShowMin,
        idsText(plan.sources),
        idsText(plan.destinations),
        JSON.stringify(plan.rundown),
        JSON.stringify(plan.guests),
        new Date().toISOString(),
      ).lastInsertRowid;
    const created = this.get(Number(id));
    if (!created) throw new Error('the new show was not stored');
    return created;
  }

  #newest(): ShowInfo | null {
    const row = this.#db.prepare('SELECT * FROM shows ORDER BY id DESC LIMIT 1').get() as
      ShowRow | undefined;
    return row ? infoOf(row) : null;
  }

  #reload(): ShowInfo {
    this.#current = this.get(this.#current.id) ?? this.#current;
    return this.#current;
  }
}
