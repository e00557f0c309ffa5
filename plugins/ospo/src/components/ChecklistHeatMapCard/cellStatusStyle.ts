import { Theme } from '@material-ui/core/styles';
import { ChecklistCellStatus } from '@ospo-kit/plugin-ospo-common';

/** The glyph in a cell of each status. */
export const CELL_GLYPHS: Record<ChecklistCellStatus, string> = {
  done: '✓',
  expired: '↻',
  'in-progress': '◐',
  'not-started': '○',
  'not-applicable': '–',
  unanswered: '?',
};

/**
 * The colours of a heat map cell of each status. Cells carry a glyph too
 * ({@link CELL_GLYPHS}), so the map reads without telling colours apart; the
 * colours follow the status chips of the team checklist card.
 */
export function cellStatusStyle(
  theme: Theme,
  status: ChecklistCellStatus,
): { background: string; color: string; border?: string } {
  const solid = (background: string) => ({
    background,
    color: theme.palette.getContrastText(background),
  });
  switch (status) {
    case 'done':
      return solid(theme.palette.success.main);
    case 'expired':
      // Done once, to be confirmed: the warning of the re-attest chip.
      return solid(theme.palette.warning.dark);
    case 'in-progress':
      return solid(theme.palette.info.main);
    case 'not-started':
      return solid(theme.palette.warning.light);
    case 'not-applicable':
      return {
        background: `repeating-linear-gradient(135deg, ${theme.palette.action.disabledBackground} 0 3px, transparent 3px 6px)`,
        color: theme.palette.text.secondary,
      };
    default:
      return {
        background: theme.palette.action.hover,
        color: theme.palette.text.secondary,
        border: `1px dashed ${theme.palette.text.disabled}`,
      };
  }
}
