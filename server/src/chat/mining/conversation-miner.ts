/** Mines raw text: segments it with jieba, then runs the pure miner. */
import { mineUtterance, type UtteranceInsights } from './conversation-miner.plan';
import { createSegmenter, type Segmenter } from './segmenter';

let segmenter: Segmenter | undefined;

/** The tags, objections and intents of one utterance (segmented with the shared jieba instance). */
export function mineText(text: string): UtteranceInsights {
  segmenter ??= createSegmenter();
  return mineUtterance({ text, tokens: segmenter.cut(text) });
}
