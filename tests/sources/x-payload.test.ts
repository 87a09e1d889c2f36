// Reading X posts the way X documents them: default fields only, users without a name, long
// posts in note_tweet, escaped text, one broken item among good ones.
import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  readSearchPage,
  readStreamLine,
  snowflakeTime,
  toComment,
} from '../../src/sources/x-payload.js';
import { snowflake } from '../fakes/x-wire.js';

const NOW = new Date('2026-11-25T13:00:00.000Z');

describe('reading X posts', () => {
  it('decodes the three entities X escapes, once', () => {
    expect(decodeEntities('Q&amp;A: is 3 &lt; 4 &gt; 2?')).toBe('Q&A: is 3 < 4 > 2?');
    expect(decodeEntities('&amp;lt; stays as typed')).toBe('&lt; stays as typed');
    expect(decodeEntities('&quot;not ours&quot; &amp')).toBe('&quot;not ours&quot; &amp');
  });

  it("takes the stream quickstart's default post (no author, no time) as a comment", () => {
    // Shape of the filtered-stream quickstart answer (docs.x.com/x-api/posts/filtered-stream/quickstart):
    // default fields only, a matching rule with its tag.
    const read = readStreamLine({
      data: {
        id: '1067094924124872705',
        edit_history_tweet_ids: ['1067094924124872705'],
        text: 'Just a cat photo #NextTalk',
      },
      matching_rules: [{ id: '1273026480692322304', tag: 'panelcast' }],
    });
    if ('error' in read) throw new Error(read.error);
    expect(read.ruleTags).toEqual(['panelcast']);
    const [tweet] = read.tweets;
    if (!tweet) throw new Error('no post read');
    const comment = toComment(tweet, read.users, NOW);
    expect(comment).toMatchObject({
      platformId: '1067094924124872705',
      author: { name: 'X user', handle: null, profileUrl: null },
      text: 'Just a cat photo #NextTalk',
      createdAt: NOW.toISOString(),
      url: 'https://x.com/i/status/1067094924124872705',
    });
  });

  it("reads the recent-search reference page: users without name, X's own date format", () => {
    // Shape of the recent-search reference example (docs.x.com/x-api/posts/recent-search):
    // created_at in the old date format, users in includes carrying only id and username.
    const page = readSearchPage({
      data: [
        {
          author_id: '2244994945',
          created_at: 'Wed Jan 06 18:40:40 +0000 2021',
          id: '1346889436626259968',
          text: 'Learn how to use the timelines \\u2026 https://t.co/56a0vZUx7i',
          username: 'XDevelopers',
        },
        { id: 'not-a-number', text: 'broken' },
        { id: '1346889436626259969', text: 'Fine &amp; well', author_id: '99' },
      ],
      includes: { users: [{ id: '2244994945', username: 'XDevelopers' }, { id: 42 }] },
      meta: { result_count: 3 },
    });
    if ('error' in page) throw new Error(page.error);
    expect(page.problems).toHaveLength(2);
    const comments = page.tweets.map((t) => toComment(t, page.users, NOW));
    expect(comments.map((c) => c.platformId)).toEqual([
      '1346889436626259968',
      '1346889436626259969',
    ]);
    expect(comments[0]).toMatchObject({
      author: { name: 'XDevelopers', handle: 'XDevelopers' },
      createdAt: '2021-01-06T18:40:40.000Z',
      url: 'https://x.com/XDevelopers/status/1346889436626259968',
    });
    expect(comments[1]).toMatchObject({ author: { name: 'X user 99' }, text: 'Fine & well' });
  });

  it('takes the whole text of a long post from note_tweet', () => {
    const whole = `${'Long question & more '.repeat(20)}#NextTalk`;
    const read = readStreamLine({
      data: {
        id: '1',
        text: 'Long question &amp; more Long…',
        note_tweet: { text: whole.replace(/&/g, '&amp;') },
      },
    });
    if ('error' in read) throw new Error(read.error);
    const [tweet] = read.tweets;
    if (!tweet) throw new Error('no post read');
    expect(toComment(tweet, [], NOW).text).toBe(whole);
  });

  it('reports a stream line that is no post, without throwing', () => {
    expect(readStreamLine({ data: { id: 42 } })).toMatchObject({
      tweets: [],
      problems: [expect.stringMatching(/^An X post could not be read: id:/)],
    });
    expect(readStreamLine({ errors: [{ title: 'x' }] })).toMatchObject({
      error: expect.any(String),
    });
  });

  it('reads the time a post was made from its snowflake id', () => {
    const at = new Date('2026-11-17T08:30:00.000Z');
    expect(snowflakeTime(snowflake(at)).toISOString()).toBe(at.toISOString());
  });
});
