package org.infermeter.run;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Message;
import org.infermeter.config.QualitySpec;
import org.infermeter.quality.Grader;
import org.infermeter.quality.QualityItem;
import org.infermeter.quality.QualitySet;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.QualityVerdict;

/**
 * The quality probe inside a run: measured request {@code i} of every cell sends item {@code i} of the set
 * as its only message, at temperature 0, and its answer is graded at once; the verdict goes to
 * {@code verdicts} after the sample, and the answer's text is dropped.
 */
public final class QualityRun {
    private final List<QualityItem> items;
    private final Grader grader;
    private final Consumer<QualityVerdict> verdicts;

    public QualityRun(QualitySpec spec, Consumer<QualityVerdict> verdicts) {
        QualitySet set = QualitySet.load(spec.set());
        this.items = set.first(spec.items());
        this.grader = new Grader(set);
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
    }

    /** The item measured request {@code measuredIndex} answers (the set repeats when a cell sends more). */
    QualityItem itemAt(int measuredIndex) {
        return items.get(measuredIndex % items.size());
    }

    ChatRequest requestFor(CellTarget target, int measuredIndex, int maxTokens) {
        return new ChatRequest(target.providerModel(), List.of(new Message("user", itemAt(measuredIndex).prompt())),
                maxTokens, 0.0);
    }

    void grade(CellKey cell, int sequence, int measuredIndex, String answerText) {
        QualityItem item = itemAt(measuredIndex);
        verdicts.accept(new QualityVerdict(cell, sequence, item.id(), item.kind(), grader.grade(item, answerText)));
    }
}
