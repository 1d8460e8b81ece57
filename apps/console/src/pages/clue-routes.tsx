import { ReactNode } from 'react';
import { useSession } from '../session';
import { ClueDetailPage } from './clue-detail';

export { ClueQueuePage } from './clue-queue';
export { ClueReviewPage } from './clue-review';

/** The clue page with the caller's role (which action forms to offer). */
export function ClueDetailRoute(): ReactNode {
  const { me } = useSession();
  return <ClueDetailPage role={me?.role ?? ''} />;
}
