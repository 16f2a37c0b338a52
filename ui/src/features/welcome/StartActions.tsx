// The two ways to start: the offline sample workspace, or credentials for real sources.

import { useEffect, useRef } from "react";
import { useNavigation } from "../../app/navigation";
import { useRuns } from "../../app/RunContext";
import { SampleProgress } from "./SampleProgress";

export function StartActions({ compact }: { compact: boolean }) {
  const { navigate } = useNavigation();
  const { openSample, busy } = useRuns();
  // Only send people to Dashboards if they are still here when the sample is ready.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const open = async () => {
    const info = await openSample();
    if (info && mounted.current) navigate("dashboards");
  };

  return (
    <div className={compact ? "start-actions compact" : "start-actions"}>
      <div className="button-row">
        <button
          type="button"
          className={compact ? "" : "primary large"}
          data-testid="open-sample"
          disabled={busy}
          onClick={() => void open()}
        >
          Open the sample workspace
        </button>
        <button
          type="button"
          className={compact ? "" : "large"}
          data-testid="setup-credentials"
          onClick={() => navigate("credentials")}
        >
          Set up credentials
        </button>
      </div>
      <SampleProgress />
    </div>
  );
}
