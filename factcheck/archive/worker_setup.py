"""Set-up of each worker process of a local cluster started by ``factcheck archive``.

Dask imports this module in every worker process it starts, again for a worker it restarts
(``distributed.worker.preload`` in :data:`factcheck.archive.cluster.LOCAL_CLUSTER_CONFIG`), and
calls :func:`dask_setup`.
"""

from __future__ import annotations

import signal
import threading


def dask_setup(worker: object) -> None:
    """Ctrl-C is the driver's: it closes the cluster, which stops the workers.

    On a terminal, Ctrl-C sends SIGINT to every process of the foreground group, the workers
    too; each worker died of it with a traceback before the driver could stop it. Workers start
    with SIGINT blocked (``cluster._interrupts_held``); from here on it is ignored too.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
