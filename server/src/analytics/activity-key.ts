/** The daily counter every event is counted under (customers' eventCounterKey: keep the two equal). */
export function eventKey(event: string): string {
  return `event:${event}`.slice(0, 100);
}
