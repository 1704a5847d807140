/**
 * Chinese word segmentation for the conversation miner: jieba (@node-rs/jieba) with its default
 * dictionary plus the insurance words of the lexicon, loaded once per process on first use
 * (≈ 0.25 s), then ≈ 1 ms a cut.
 *
 * Mode: precise mode without HMM (`cut(text, false)`). HMM guesses unknown words from character
 * statistics, so a new name or a typo can glue onto its neighbours differently from one sentence to
 * the next; without it, a word the dictionaries do not know falls apart into single characters,
 * which is predictable, and the miner's phrase patterns work on the text anyway. Words the miner
 * relies on as whole tokens (重疾险, 百万医疗, 宝宝 …) are in the lexicon's dictionary words.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { defaultLexicon, type InsuranceLexicon } from './insurance-lexicon';

export interface Segmenter {
  cut(text: string): string[];
}

/** The lexicon's dictionary words as jieba dictionary lines: `word freq tag`. */
export function dictionaryLines(lexicon: InsuranceLexicon): string {
  return lexicon.dictionaryWords.map(([word, freq, tag]) => `${word} ${freq} ${tag}`).join('\n') + '\n';
}

let shared: Jieba | undefined;

function jieba(): Jieba {
  if (!shared) {
    const instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(dictionaryLines(defaultLexicon), 'utf8'));
    shared = instance;
  }
  return shared;
}

/** A segmenter over the process-wide jieba instance (created on the first cut, not here). */
export function createSegmenter(): Segmenter {
  return {
    cut(text: string): string[] {
      return text ? jieba().cut(text, false) : [];
    },
  };
}
