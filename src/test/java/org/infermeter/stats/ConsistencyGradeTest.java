package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsistencyGradeTest {
    @Test
    void bandsMatchTheStudyCells() {
        assertEquals(ConsistencyGrade.A, ConsistencyGrade.ofCvPct(21));   // DeepSeek V4 Pro, provider A
        assertEquals(ConsistencyGrade.D, ConsistencyGrade.ofCvPct(102));  // Kimi K2.6, best provider
        assertEquals(ConsistencyGrade.F, ConsistencyGrade.ofCvPct(541));
        assertEquals(ConsistencyGrade.F, ConsistencyGrade.ofCvPct(1266));
    }

    @Test
    void edgesBelongToTheWorseGrade() {
        assertEquals(ConsistencyGrade.A, ConsistencyGrade.ofCvPct(0));
        assertEquals(ConsistencyGrade.B, ConsistencyGrade.ofCvPct(30));
        assertEquals(ConsistencyGrade.C, ConsistencyGrade.ofCvPct(60));
        assertEquals(ConsistencyGrade.C, ConsistencyGrade.ofCvPct(99.99));
        assertEquals(ConsistencyGrade.D, ConsistencyGrade.ofCvPct(100));
        assertEquals(ConsistencyGrade.F, ConsistencyGrade.ofCvPct(300));
    }

    @Test
    void labelsAreWords() {
        assertEquals("very consistent", ConsistencyGrade.A.label());
        assertTrue(ConsistencyGrade.F.label().contains("cold"));
    }

    @Test
    void rejectsNonsenseWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsistencyGrade.ofCvPct(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConsistencyGrade.ofCvPct(Double.NaN));
        assertFalse(ConsistencyGrade.A.cvPctBelow() > ConsistencyGrade.B.cvPctBelow());
    }
}
