// Generated instance names, docker-style: "<adjective>-<noun>", readable and easy to type.
// Uniqueness is not decided here: store.ts tries a name and takes the next on collision.
import { randomInt } from 'node:crypto';

const ADJECTIVES = [
  'amber', 'brave', 'bright', 'calm', 'clever', 'cosmic', 'crisp', 'daring', 'eager', 'fancy',
  'gentle', 'glad', 'golden', 'happy', 'hidden', 'jolly', 'keen', 'kind', 'lively', 'lucky',
  'mellow', 'merry', 'misty', 'noble', 'polite', 'proud', 'quick', 'quiet', 'rapid', 'silent',
  'silver', 'smooth', 'snowy', 'solid', 'steady', 'sunny', 'swift', 'tidy', 'vivid', 'witty',
];

const NOUNS = [
  'albatross', 'altostratus', 'aurora', 'breeze', 'cirrus', 'comet', 'condor', 'cumulus', 'drizzle',
  'falcon', 'fog', 'gale', 'gull', 'hail', 'halo', 'haze', 'heron', 'kestrel', 'kite', 'lark',
  'mist', 'monsoon', 'nimbus', 'osprey', 'petrel', 'plover', 'rain', 'raven', 'sleet', 'squall',
  'stratus', 'swallow', 'swift', 'tern', 'thunder', 'vapor', 'virga', 'wind', 'wren', 'zephyr',
];

/** A random name; after many collisions, a numeric suffix widens the space. */
export function generateName(attempt = 0): string {
  const base = `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}`;
  return attempt < 20 ? base : `${base}-${randomInt(1000, 10000)}`;
}
