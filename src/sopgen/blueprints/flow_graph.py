"""The step graph of a flow: entries, exits, reachability, cycles and topological order."""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from typing import NamedTuple

from sopgen.blueprints.model import Edge, FlowBlueprint


class FlowGraph(NamedTuple):
    """Forward edges (rework edges left out) between the steps of a flow, in blueprint order."""

    order: tuple[str, ...]
    successors: dict[str, tuple[str, ...]]
    predecessors: dict[str, tuple[str, ...]]
    edges: dict[tuple[str, str], Edge]

    @classmethod
    def of(cls, flow: FlowBlueprint) -> FlowGraph:
        successors: dict[str, list[str]] = defaultdict(list)
        predecessors: dict[str, list[str]] = defaultdict(list)
        edges: dict[tuple[str, str], Edge] = {}
        for edge in flow.edges:
            edges.setdefault((edge.from_step, edge.to_step), edge)
            if not edge.rework:
                successors[edge.from_step].append(edge.to_step)
                predecessors[edge.to_step].append(edge.from_step)
        order = tuple(step.id for step in flow.steps)
        return cls(
            order,
            {step: tuple(successors[step]) for step in order},
            {step: tuple(predecessors[step]) for step in order},
            edges,
        )

    def edge(self, from_step: str, to_step: str) -> Edge | None:
        return self.edges.get((from_step, to_step))

    def entries(self) -> tuple[str, ...]:
        return tuple(step for step in self.order if not self.predecessors[step])

    def exits(self) -> tuple[str, ...]:
        return tuple(step for step in self.order if not self.successors[step])

    def find_cycle(self) -> tuple[str, ...] | None:
        """A loop over forward edges as step ids, first step repeated at the end; None when acyclic."""
        white, grey, black = 0, 1, 2
        colour = dict.fromkeys(self.order, white)
        for start in self.order:
            if colour[start] != white:
                continue
            path = [start]
            stack = [iter(self.successors[start])]
            colour[start] = grey
            while stack:
                following = next(stack[-1], None)
                if following is None:
                    colour[path.pop()] = black
                    stack.pop()
                elif colour[following] == grey:
                    return (*path[path.index(following):], following)
                elif colour[following] == white:
                    colour[following] = grey
                    path.append(following)
                    stack.append(iter(self.successors[following]))
        return None

    def unreachable(self) -> tuple[str, ...]:
        seen = set(self.entries())
        queue = deque(seen)
        while queue:
            for following in self.successors[queue.popleft()]:
                if following not in seen:
                    seen.add(following)
                    queue.append(following)
        return tuple(step for step in self.order if step not in seen)

    def topological_order(self) -> tuple[str, ...]:
        """Kahn's algorithm, ties broken by blueprint order; the graph must be acyclic."""
        position = {step: index for index, step in enumerate(self.order)}
        remaining = {step: len(self.predecessors[step]) for step in self.order}
        result: list[str] = []
        heap = [(position[step], step) for step, count in remaining.items() if count == 0]
        heapq.heapify(heap)
        while heap:
            _, step = heapq.heappop(heap)
            result.append(step)
            for following in self.successors[step]:
                remaining[following] -= 1
                if remaining[following] == 0:
                    heapq.heappush(heap, (position[following], following))
        return tuple(result)
