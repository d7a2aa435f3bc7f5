package org.yekuo.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PagingTests {

    @Test
    @DisplayName("pages are counted by rounding up, and an empty list is one page")
    void countsPagesRoundingUp() {
        assertThat(Paging.pages(0, 20)).isEqualTo(1);
        assertThat(Paging.pages(20, 20)).isEqualTo(1);
        assertThat(Paging.pages(21, 20)).isEqualTo(2);
    }

    @Test
    @DisplayName("a page starts after the rows of the pages before it")
    void offsetSkipsEarlierPages() {
        assertThat(Paging.offset(0, 20)).isZero();
        assertThat(Paging.offset(3, 20)).isEqualTo(60);
    }

    @Test
    @DisplayName("a negative page or a size outside 1 to 100 is refused, naming the parameter")
    void refusesPagesOutOfRange() {
        assertThatNoException().isThrownBy(() -> Paging.check(0, Paging.MAX_SIZE));
        assertThat(catchThrowableOfType(DomainException.class, () -> Paging.check(-1, 20)).fieldProblems())
                .extracting(DomainException.FieldProblem::field).containsExactly("page");
        assertThat(catchThrowableOfType(DomainException.class, () -> Paging.check(0, 0)).fieldProblems())
                .extracting(DomainException.FieldProblem::field).containsExactly("size");
        assertThat(catchThrowableOfType(DomainException.class, () -> Paging.check(0, 101)).fieldProblems())
                .extracting(DomainException.FieldProblem::field).containsExactly("size");
    }
}
