export {
  NeedsAttentionStrip,
  CHECKLISTS_SECTION_ID,
  DEPENDENCIES_SECTION_ID,
  WHERE_TO_ACT_SECTION_ID,
} from './NeedsAttentionStrip';
export type { NeedsAttentionStripProps } from './NeedsAttentionStrip';
