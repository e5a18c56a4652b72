package org.infermeter.run;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.infermeter.client.Answer;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Message;
import org.infermeter.client.ToolSpec;
import org.infermeter.config.QualitySpec;
import org.infermeter.quality.Grader;
import org.infermeter.quality.QualityItem;
import org.infermeter.quality.QualitySet;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.QualityVerdict;
import org.infermeter.sample.QualityVerdict.Verdict;

/**
 * The quality probe inside a run: measured request {@code i} of every cell sends item {@code i} of the set
 * as its only message, at temperature 0, and its answer is graded at once; the verdict goes to
 * {@code verdicts} after the sample, and the answer's text is dropped.
 */
public final class QualityRun {
    private final List<QualityItem> items;
    private final Grader grader;
    private final Consumer<QualityVerdict> verdicts;
    /** The set's functions as native tools; empty when the campaign asks for tool calls as text. */
    private final List<ToolSpec> tools;

    public QualityRun(QualitySpec spec, Consumer<QualityVerdict> verdicts) {
        QualitySet set = QualitySet.load(spec.set());
        this.items = set.first(spec.items());
        this.grader = new Grader(set);
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
        this.tools = spec.nativeToolCalls()
                ? set.functions().entrySet().stream().map(f -> new ToolSpec(f.getKey(), f.getValue())).toList()
                : List.of();
    }

    /** The item measured request {@code measuredIndex} answers (the set repeats when a cell sends more). */
    QualityItem itemAt(int measuredIndex) {
        return items.get(measuredIndex % items.size());
    }

    ChatRequest requestFor(CellTarget target, int measuredIndex, int maxTokens) {
        QualityItem item = itemAt(measuredIndex);
        if (asksNatively(target, item)) {
            return new ChatRequest(target.providerModel(), List.of(new Message("user", item.request())), maxTokens,
                    0.0, tools);
        }
        return new ChatRequest(target.providerModel(), List.of(new Message("user", item.prompt())), maxTokens, 0.0);
    }

    /** Native tools go to OpenAI chat providers only: the other dialects' tool formats are not sent yet. */
    private boolean asksNatively(CellTarget target, QualityItem item) {
        return !tools.isEmpty() && item.kind().equals(QualityItem.TOOL)
                && target.endpoint().protocol() == Protocol.OPENAI;
    }

    /**
     * Grades the answer: a tool item asked natively by its first streamed call (a text answer instead is
     * graded as text), every other item by its text.
     */
    void grade(CellTarget target, int sequence, int measuredIndex, Answer answer) {
        QualityItem item = itemAt(measuredIndex);
        Verdict verdict = asksNatively(target, item) && !answer.toolCalls().isEmpty()
                ? grader.gradeCall(item, answer.toolCalls().getFirst().name(), answer.toolCalls().getFirst().arguments())
                : grader.grade(item, answer.visibleText());
        verdicts.accept(new QualityVerdict(target.cell(), sequence, item.id(), item.kind(), verdict));
    }
}
