import { ScopeBar, useScope } from '../_analytics/scope';
import { FunnelBuilder } from './FunnelBuilder';
import { RetentionCard } from './RetentionCard';
import '../_kit/kit.css';
import '../_analytics/analytics.css';

/** 漏斗与留存: build a funnel from events or journey stages, and read retention by cohort. */
export function FunnelsPage() {
  const scope = useScope();
  return (
    <div className="an-page" data-testid="funnels-page">
      <ScopeBar scope={scope} />
      <FunnelBuilder query={scope.query} />
      <RetentionCard query={scope.query} />
    </div>
  );
}
