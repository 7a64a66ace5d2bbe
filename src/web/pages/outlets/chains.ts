// Chain names for display (the registry rules hold them; the web app shows the brand).
import { CHAINS } from '../../../modules/registry/registry.rules.ts';
import type { ChainCode } from '../../types.ts';

export const chainName = (c: ChainCode | string | null | undefined) => (c && c in CHAINS ? CHAINS[c as ChainCode].name : (c ?? '—'));
export const CHAIN_OPTIONS = (Object.keys(CHAINS) as ChainCode[]).map((c): [ChainCode, string] => [c, CHAINS[c].name]);
