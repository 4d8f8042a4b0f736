// The kanban board (frontend/components/board.py wraps it): columns with their WIP limits, cards that move
// by drag and drop (@atlaskit/pragmatic-drag-and-drop, Apache-2.0 — what Plane uses; native drag and drop,
// so nothing re-renders while a card is in the air) and by keyboard (Alt + arrows), drawn from the `columns`
// the server state keeps. A move shows at once; the server then confirms it (new props) or refuses it
// (`revision` changes and the card goes back). Every move carries the version this browser saw.
import { combine } from "@atlaskit/pragmatic-drag-and-drop/combine";
import { draggable, dropTargetForElements, monitorForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { autoScrollForElements } from "@atlaskit/pragmatic-drag-and-drop-auto-scroll/element";
import { attachClosestEdge, extractClosestEdge } from "@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge";
import { memo, useEffect, useMemo, useRef, useState } from "react";

function label(labels, key, fallback) {
  return (labels && labels[key]) || fallback || key;
}

// The columns with a move this browser made but the server has not answered yet.
function withPending(columns, pending) {
  if (!pending) return columns;
  let moving = null;
  const stripped = columns.map((column) => {
    const index = column.cards.findIndex((card) => card.id === pending.taskId);
    if (index < 0) return column;
    moving = column.cards[index];
    return { ...column, cards: column.cards.filter((_, i) => i !== index) };
  });
  if (!moving) return columns;
  return stripped.map((column) => {
    if (column.id !== pending.columnId) return column;
    const cards = [...column.cards];
    cards.splice(Math.min(Math.max(pending.position, 0), cards.length), 0, moving);
    return { ...column, cards };
  });
}

function sameCard(a, b) {
  return a.columnId === b.columnId && a.index === b.index && a.canEdit === b.canEdit && a.labels === b.labels
    && a.card.id === b.card.id && a.card.version === b.card.version && a.card.title === b.card.title
    && a.card.assignee === b.card.assignee && a.card.due === b.card.due && a.card.overdue === b.card.overdue
    && a.card.points === b.card.points && a.card.rating === b.card.rating && a.card.ratings === b.card.ratings
    && a.card.comments === b.card.comments;
}

const CardView = memo(function CardView({ card, columnId, index, canEdit, labels, onOpen, onKeyMove }) {
  const ref = useRef(null);
  const [edge, setEdge] = useState(null);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || !canEdit) return undefined;
    const data = { type: "card", taskId: card.id, columnId, index, version: card.version };
    return combine(
      draggable({ element, getInitialData: () => data, onDragStart: () => setDragging(true),
                  onDrop: () => setDragging(false) }),
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === "card" && source.data.taskId !== card.id,
        getData: ({ input }) => attachClosestEdge(data, { element, input, allowedEdges: ["top", "bottom"] }),
        onDrag: ({ self }) => setEdge(extractClosestEdge(self.data)),
        onDragLeave: () => setEdge(null),
        onDrop: () => setEdge(null),
      }),
    );
  }, [card.id, card.version, columnId, index, canEdit]);
  const onKeyDown = (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(card.id);
    } else if (event.altKey && event.key.startsWith("Arrow")) {
      event.preventDefault();
      onKeyMove(card, columnId, index, event.key.slice(5).toLowerCase());
    }
  };
  const className = ["board-card", dragging ? "is-dragging" : "", edge ? `drop-${edge}` : ""].join(" ");
  return (
    <div ref={ref} className={className} tabIndex={0} role="button" data-task-id={card.id} data-version={card.version}
         aria-label={card.title} aria-roledescription={label(labels, "board.card.role")}
         onClick={() => onOpen(card.id)} onKeyDown={onKeyDown}>
      <div className="board-card-title">{card.title}</div>
      <div className="board-card-facts">
        {card.assignee && <span className="board-card-assignee">{card.assignee}</span>}
        {card.due && (
          <span className={card.overdue ? "board-card-due is-overdue" : "board-card-due"}>
            {card.overdue ? `${label(labels, "board.card.overdue")} ` : ""}{card.due.slice(5)}
          </span>
        )}
        {card.points > 0 && <span className="board-card-points">{card.points} {label(labels, "board.card.points")}</span>}
        {card.ratings > 0 && <span className="board-card-rating" title={label(labels, "board.card.rating")}>★ {card.rating}</span>}
        {card.comments > 0 && (
          <span className="board-card-comments" title={label(labels, "board.card.comments")}>
            <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2"
                 aria-hidden="true" style={{ verticalAlign: "-1px", marginRight: 2 }}>
              <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
            </svg>
            {card.comments}
          </span>
        )}
      </div>
    </div>
  );
}, sameCard);

function ColumnView({ column, canEdit, labels, onOpen, onAdd, onKeyMove }) {
  const listRef = useRef(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    const element = listRef.current;
    if (!element || !canEdit) return undefined;
    return combine(
      dropTargetForElements({
        element,
        getData: () => ({ type: "column", columnId: column.id }),
        canDrop: ({ source }) => source.data.type === "card",
        onDragEnter: () => setOver(true),
        onDragLeave: () => setOver(false),
        onDrop: () => setOver(false),
      }),
      autoScrollForElements({ element }),
    );
  }, [column.id, canEdit]);
  const limit = column.wipLimit;
  const full = limit !== null && limit !== undefined && column.cards.length >= limit;
  return (
    <section className={full ? "board-column is-full" : "board-column"} data-column-id={column.id}
             aria-label={column.name}>
      <header className="board-column-header">
        <h2 className="board-column-name">{column.name}</h2>
        <span className="board-column-count" title={label(labels, "board.column.wip")}>
          {column.cards.length}{limit !== null && limit !== undefined ? ` / ${limit}` : ""}
        </span>
        {canEdit && (
          <button type="button" className="board-column-add" aria-label={`${label(labels, "board.card.add")} · ${column.name}`}
                  onClick={() => onAdd(column.id)}>＋</button>
        )}
      </header>
      <div ref={listRef} className={over ? "board-column-cards is-over" : "board-column-cards"}>
        {column.cards.map((card, index) => (
          <CardView key={card.id} card={card} columnId={column.id} index={index} canEdit={canEdit}
                    labels={labels} onOpen={onOpen} onKeyMove={onKeyMove} />
        ))}
        {column.cards.length === 0 && <div className="board-column-empty">{label(labels, "board.column.empty")}</div>}
      </div>
    </section>
  );
}

export function KanbanBoard({ columns, labels, canEdit, revision, onMove, onOpen, onAdd }) {
  const boardRef = useRef(null);
  const renderStarted = useRef(0);
  renderStarted.current = performance.now();
  const [pending, setPending] = useState(null);
  const handlers = useRef({ onMove, onOpen, onAdd });
  handlers.current = { onMove, onOpen, onAdd };
  const shownColumns = useMemo(() => withPending(columns || [], pending), [columns, pending]);
  const columnsRef = useRef(shownColumns);
  columnsRef.current = shownColumns;

  // New props from the server (confirmed, refused or someone else's change): the server's board is the truth.
  useEffect(() => setPending(null), [columns, revision]);

  // How long a patch of the props takes to reach the screen (read by the browser test).
  useEffect(() => {
    const took = performance.now() - renderStarted.current;
    window.__tandemBoard = window.__tandemBoard || { patches: [] };
    const cards = (columns || []).reduce((n, c) => n + c.cards.length, 0);
    if (!window.__tandemBoard.readyAt && cards > 0) window.__tandemBoard.readyAt = performance.now();
    window.__tandemBoard.patches.push({ at: performance.now(), ms: took, cards });
  }, [columns]);

  const move = (taskId, version, columnId, position) => {
    setPending({ taskId, columnId, position });
    handlers.current.onMove({ taskId, columnId, position, version });
  };

  useEffect(() => {
    const element = boardRef.current;
    if (!element || !canEdit) return undefined;
    return combine(
      monitorForElements({
        canMonitor: ({ source }) => source.data.type === "card",
        onDrop: ({ source, location }) => {
          const target = location.current.dropTargets[0];
          if (!target) return;
          const from = source.data;
          const columnIndex = columnsRef.current.findIndex((c) => c.id === target.data.columnId);
          if (columnIndex < 0) return;
          const column = columnsRef.current[columnIndex];
          let position;
          if (target.data.type === "card") {
            position = target.data.index + (extractClosestEdge(target.data) === "bottom" ? 1 : 0);
            if (from.columnId === column.id && from.index < position) position -= 1;
          } else {
            position = column.cards.length - (from.columnId === column.id ? 1 : 0);
          }
          if (from.columnId === column.id && position === from.index) return;
          move(from.taskId, from.version, column.id, position);
        },
      }),
      autoScrollForElements({ element }),
    );
  }, [canEdit]);

  // Alt + arrow keys on a focused card: the keyboard's way to move it (the card's dialog has buttons too).
  const onKeyMove = (card, columnId, index, direction) => {
    const all = columnsRef.current;
    const columnIndex = all.findIndex((c) => c.id === columnId);
    if (direction === "up" && index > 0) move(card.id, card.version, columnId, index - 1);
    else if (direction === "down" && index < all[columnIndex].cards.length - 1) move(card.id, card.version, columnId, index + 1);
    else if (direction === "left" && columnIndex > 0) {
      move(card.id, card.version, all[columnIndex - 1].id, all[columnIndex - 1].cards.length);
    } else if (direction === "right" && columnIndex < all.length - 1) {
      move(card.id, card.version, all[columnIndex + 1].id, all[columnIndex + 1].cards.length);
    }
  };
  const ready = (columns || []).length > 0;
  return (
    <div ref={boardRef} className="kanban-board" id="board" data-ready={ready ? "true" : "false"}
         aria-label={label(labels, "board.title")}>
      {shownColumns.map((column) => (
        <ColumnView key={column.id} column={column} canEdit={canEdit} labels={labels}
                    onOpen={(id) => handlers.current.onOpen(id)} onAdd={(id) => handlers.current.onAdd(id)}
                    onKeyMove={onKeyMove} />
      ))}
    </div>
  );
}
