import { Random } from '../demo/random.ts';

// The demo's lists hold the 190 or so commonest surnames of one region; England and Wales have hundreds of
// thousands, most shared by few people. Left alone, two million people would share 190 names (Smith 6.6%,
// where the population has about 1.3%) and every name search would match tens of thousands. So a quarter of
// the national dataset keeps the demo's common surname and the rest draw from 57,600 composed English-style
// surnames by a Zipf-Mandelbrot law: a few hundred thousand people share the commonest few hundred, and
// thousands of names belong to a handful of people each, as in the population.
const FIRST = ['Ash', 'Black', 'Brad', 'Brook', 'Bur', 'Cal', 'Chad', 'Church', 'Clay', 'Cole', 'Cot', 'Crane', 'Dal', 'Dun',
  'East', 'Elm', 'Fair', 'Fen', 'Fox', 'Gold', 'Green', 'Hal', 'Hart', 'Haw', 'Hey', 'Holm', 'Hunt', 'Kel', 'Kings', 'Lang',
  'Lin', 'Mar', 'Mid', 'Mill', 'Mor', 'New', 'North', 'Oak', 'Pem', 'Pen', 'Rad', 'Red', 'Ross', 'Rush', 'Sal', 'Sand', 'Shel',
  'South', 'Stan', 'Stock', 'Stone', 'Sut', 'Thorn', 'Tre', 'Wal', 'War', 'West', 'Whit', 'Wick', 'Wins'];
const MIDDLE = ['', '', '', '', 'a', 'e', 'er', 'en', 'in', 'ing', 'le', 'ling', 'ow', 'ry', 'sel', 'ter', 'ham', 'ton', 'well',
  'wood', 'ford', 'by', 'ridge', 'croft'];
const LAST = ['ford', 'ley', 'ton', 'wood', 'field', 'well', 'worth', 'by', 'ham', 'ridge', 'croft', 'shaw', 'hurst', 'more',
  'stead', 'cote', 'den', 'dale', 'gate', 'hill', 'holme', 'house', 'land', 'lock', 'low', 'mere', 'mond', 'ock', 'ington',
  'say', 'side', 'smith', 'son', 'stone', 'thwaite', 'ville', 'wick', 'win', 'wright', 'yard'];
export const COMPOSED_SURNAMES = FIRST.length * MIDDLE.length * LAST.length;
/** The share of people keeping the demo's common surname. */
export const COMMON_SHARE = 0.25;
const ZIPF_OFFSET = 50;

/** The composed surname of a rank (0 the commonest); ranks are spread over the combinations. */
export function composedSurname(rank: number): string {
  const k = (rank * 40_503 + 7) % COMPOSED_SURNAMES; // 40,503 is coprime to 57,600: a bijection
  const last = LAST[k % LAST.length]!;
  const middle = MIDDLE[Math.floor(k / LAST.length) % MIDDLE.length]!;
  const first = FIRST[Math.floor(k / (LAST.length * MIDDLE.length))]!;
  return first + middle + last;
}

/** A Zipf-Mandelbrot rank: density in proportion to 1 / (rank + offset), by inverting its cumulative. */
export function zipfRank(u: number, size = COMPOSED_SURNAMES, offset = ZIPF_OFFSET): number {
  const rank = Math.floor(offset * Math.pow((size + offset) / offset, u) - offset);
  return Math.min(size - 1, Math.max(0, rank));
}

/** The person's surname in the national dataset: the demo's (common) one or one of the long tail. */
export function nationalSurname(demoSurname: string, random: Random): string {
  const u = random.next();
  return u < COMMON_SHARE ? demoSurname : composedSurname(zipfRank(random.next()));
}
