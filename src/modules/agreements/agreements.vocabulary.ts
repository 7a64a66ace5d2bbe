// Codes of the agreements module, with their labels (gathered in src/vocabulary.ts). The labels themselves
// live beside the rules that use them in documents and messages.
import {
  EVENT_LABEL,
  PARTY_LABEL,
  PHASE_LABEL,
  SETTLEMENT_LABEL,
  STATUS_LABEL,
  TRADE_MODEL_LABEL,
  UNSOLD_LABEL,
} from './agreements.rules.ts';

export const AGREEMENTS_VOCABULARY = {
  agreementKind: { mou: { id: 'MoU', en: 'MoU' }, pks: { id: 'PKS', en: 'PKS (cooperation agreement)' } },
  agreementPhase: PHASE_LABEL,
  agreementVersionStatus: STATUS_LABEL,
  agreementEvent: EVENT_LABEL,
  party: PARTY_LABEL,
  tradeModel: TRADE_MODEL_LABEL,
  settlementPeriod: SETTLEMENT_LABEL,
  unsoldGoods: UNSOLD_LABEL,
};
