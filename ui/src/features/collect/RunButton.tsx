// The Run button both sources share: enabled only for a plan of exactly what is on screen.

export function RunButton({ runnable, busy, onRun }: { runnable: boolean; busy: boolean; onRun: () => void }) {
  return (
    <>
      <button type="button" className="primary large" data-testid="run-button" disabled={!runnable} onClick={onRun}>
        Run
      </button>
      {busy ? <p className="small muted">A run is in progress; see Runs.</p> : null}
    </>
  );
}
