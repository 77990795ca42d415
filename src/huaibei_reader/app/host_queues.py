"""The refresh's jobs waiting to be fetched: one queue per host, handed out round-robin with
at most ``per_host_cap`` running per host, so one slow site never starves the others; a URL
is queued once per refresh. Used by the scheduler thread of ``app.refresh`` only."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from huaibei_reader.app.refresh_jobs import Job


class HostQueues:
    def __init__(self, host_key: Callable[[str], str], per_host_cap: int) -> None:
        self._host_key = host_key
        self.per_host_cap = per_host_cap
        self.queues: dict[str, deque[Job]] = {}
        self.running: dict[str, int] = {}
        self.order: deque[str] = deque()  # round-robin over hosts
        self.seen: set[str] = set()  # URLs queued or done in this refresh

    def add(self, job: Job) -> bool:
        """Queue a job unless its URL is already queued or done in this refresh."""
        key = job.url if job.kind in ("article", "image") else f"{job.kind}\0{job.url}"
        if key in self.seen:
            return False
        self.seen.add(key)
        self.requeue(job)
        return True

    def requeue(self, job: Job) -> None:
        """Queue a job again (its host asked to be asked later)."""
        host = self._host_key(job.url)
        if host not in self.queues:
            self.queues[host] = deque()
            self.running[host] = 0
            self.order.append(host)
        self.queues[host].append(job)

    def take(self, *, given_up: Callable[[Job], bool], skip: Callable[[Job], None],
             ready: Callable[[Job], bool]) -> Job | None:
        """The next job to fetch, hosts in turn, each below its cap (None: none now). Jobs
        ``given_up`` on go to ``skip``; a host whose next job is not ``ready`` waits."""
        for _ in range(len(self.order)):
            host = self.order[0]
            self.order.rotate(-1)
            queue = self.queues[host]
            while queue and given_up(queue[0]):
                skip(queue.popleft())
            if not queue or self.running[host] >= self.per_host_cap or not ready(queue[0]):
                continue
            self.running[host] += 1
            return queue.popleft()
        return None

    def release(self, job: Job) -> None:
        """A job handed out by ``take`` has come back."""
        host = self._host_key(job.url)
        self.running[host] = max(0, self.running.get(host, 0) - 1)

    def heads(self) -> list[Job]:
        """The next job of every host with work left."""
        return [queue[0] for queue in self.queues.values() if queue]

    def drain(self, matches: Callable[[Job], bool]) -> list[Job]:
        """Take out every queued job that ``matches`` (the others keep their order)."""
        taken: list[Job] = []
        for host, queue in self.queues.items():
            if any(matches(job) for job in queue):
                taken += [job for job in queue if matches(job)]
                self.queues[host] = deque(job for job in queue if not matches(job))
        return taken
