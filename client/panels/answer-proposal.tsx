import type { ProposedFilter } from '../../shared/insights/ask.ts';
import { readFilters } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { proposedFiltersText } from '../encodings/proposed-filter-words.ts';
import { applyAnswerFilters, proposalApplied } from '../session/answer-actions.ts';
import { useSession } from '../session/session-model.ts';
import { useProposalPoints } from '../session/use-proposal-points.ts';

/**
 * The filters an answer proposes, in words with the rows they keep, and (editors) the button
 * that makes them everyone's filters. Viewers read the words only. Everyone sees when the
 * session's filters are this proposal now.
 */
export function AnswerProposal(props: { filters: readonly ProposedFilter[]; count?: number; inCloud?: number; compact?: boolean }) {
  const { filters, count, compact = false } = props;
  const model = useSession();
  const current = useDocValue(model.conn.doc, ['filters'], readFilters);
  // Read from the document, so it says the truth after an undo or someone else's edit too.
  const applied = proposalApplied(current, filters);
  // Counted on this page once the columns are here; until then the server's figure (absent: all of them).
  const inCloud = useProposalPoints(model, filters) ?? props.inCloud ?? null;
  const types = new Map(model.dataset.columns.map((c) => [c.name, c.type]));
  const replaced = current.length;
  return (
    <div className={`proposal${applied ? ' applied' : ''}`} data-testid="proposal" data-count={count} data-in-cloud={inCloud ?? undefined} data-applied={applied}>
      <p className="small proposal-text">{proposedFiltersText(filters, types, count, inCloud)}</p>
      {(model.canEdit || applied) && (
        <div className="proposal-actions">
          {model.canEdit && !applied && (
            <button
              type="button"
              className={compact ? 'small' : 'small apply'}
              data-testid="apply-answer"
              title={`Show these rows to everyone: ${replaced === 0 ? 'sets the session’s filters' : `replaces the ${replaced} current filter${replaced === 1 ? '' : 's'}`} (undo with Ctrl+Z)`}
              onClick={() => applyAnswerFilters(model, filters)}
            >
              {compact ? 'Apply' : 'Apply to everyone'}
            </button>
          )}
          {applied && <span className="small ok-text">✓ shown to everyone</span>}
          {model.canEdit && !compact && !applied && replaced > 0 && (
            <span className="small muted">
              replaces {replaced} filter{replaced === 1 ? '' : 's'}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
