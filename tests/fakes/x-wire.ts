// How the X API v2 renders posts and users on the wire, for the X fake: only the default fields
// (id, text, edit_history_tweet_ids; users id, name, username) unless `tweet.fields`,
// `user.fields` and `expansions` ask for more; text HTML-escaped; long posts cut, whole in
// note_tweet. Docs: https://docs.x.com/x-api/fundamentals/fields,
// https://docs.x.com/x-api/fundamentals/expansions, https://docs.x.com/x-api/posts/long-posts (note_tweet),
// https://docs.x.com/resources/fundamentals/x-ids (snowflake ids).

export interface FakeUser {
  id: string;
  /** Optional: X's own documented examples carry users without one. */
  name?: string;
  username: string;
  profile_image_url: string;
}

export interface FakeTweet {
  id: string;
  /** As the person wrote it; escaped when rendered. */
  text: string;
  author_id: string;
  created_at: string;
  edit_history_tweet_ids: string[];
  isRetweet: boolean;
}

/** What a request asked for, from its query string. */
export interface Requested {
  tweetFields: Set<string>;
  userFields: Set<string>;
  expansions: Set<string>;
}

export function requestedBy(url: URL): Requested {
  const list = (name: string): Set<string> =>
    new Set((url.searchParams.get(name) ?? '').split(',').filter((f) => f !== ''));
  return {
    tweetFields: list('tweet.fields'),
    userFields: list('user.fields'),
    expansions: list('expansions'),
  };
}

const X_EPOCH = 1_288_834_974_657n;
let sequence = 0n;

/** A post id as X makes them: milliseconds since X's epoch, shifted past 22 bits of sequence. */
export function snowflake(at: Date): string {
  sequence = (sequence + 1n) % 4096n;
  return String(((BigInt(at.getTime()) - X_EPOCH) << 22n) | sequence);
}

/** X escapes &, < and > in post text. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SHORT_LIMIT = 280;

export function renderTweet(t: FakeTweet, asked: Requested): Record<string, unknown> {
  // X counts code points; Array.from splits the text the same way.
  const points = Array.from(t.text);
  const long = points.length > SHORT_LIMIT;
  const shown = long ? `${points.slice(0, SHORT_LIMIT - 1).join('')}…` : t.text;
  const out: Record<string, unknown> = {
    id: t.id,
    text: escapeText(shown),
    edit_history_tweet_ids: t.edit_history_tweet_ids,
  };
  if (asked.tweetFields.has('author_id')) out.author_id = t.author_id;
  if (asked.tweetFields.has('created_at')) out.created_at = t.created_at;
  if (asked.tweetFields.has('note_tweet') && long) out.note_tweet = { text: escapeText(t.text) };
  return out;
}

export function renderUser(u: FakeUser, asked: Requested): Record<string, unknown> {
  const out: Record<string, unknown> = { id: u.id, username: u.username };
  if (u.name !== undefined) out.name = u.name;
  if (asked.userFields.has('profile_image_url')) out.profile_image_url = u.profile_image_url;
  return out;
}

/** `includes` for a set of posts: authors only when the author_id expansion was asked for. */
export function renderIncludes(
  tweets: readonly FakeTweet[],
  users: ReadonlyMap<string, FakeUser>,
  asked: Requested,
): { includes?: { users: Record<string, unknown>[] } } {
  if (!asked.expansions.has('author_id')) return {};
  const authors = [...new Set(tweets.map((t) => t.author_id))]
    .map((id) => users.get(id))
    .filter((u): u is FakeUser => u !== undefined);
  return authors.length > 0
    ? { includes: { users: authors.map((u) => renderUser(u, asked)) } }
    : {};
}

/** Enough of X's query language for hashtag rules: "(#A OR #B) -is:retweet". */
export function matches(query: string, tweet: FakeTweet): boolean {
  if (/-is:retweet/.test(query) && tweet.isRetweet) return false;
  const tags = [...query.matchAll(/#[\p{L}\p{N}_]+/gu)].map((m) => m[0].toLowerCase());
  const text = tweet.text.toLowerCase();
  return tags.some((tag) => new RegExp(`${tag}(?![\\p{L}\\p{N}_])`, 'u').test(text));
}
