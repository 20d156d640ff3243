package dev.twilioconnector.core.template;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedWriterTest {

    private static final String EMOJI = "\uD83D\uDE00"; // one character, two UTF-16 units

    @Test
    void keepsTextUpToTheLimit() throws IOException {
        BoundedWriter out = new BoundedWriter(5);
        out.write("abc");
        out.write('d');
        out.write(new char[]{'x', 'e', 'y'}, 1, 1);

        assertThat(out.text()).isEqualTo("abcde");
        assertThat(out.overflowed()).isFalse();
    }

    @Test
    void theFirstCharacterPastTheLimitIsRefusedAndEndsTheWriting() throws IOException {
        BoundedWriter out = new BoundedWriter(3);
        out.write("ab");

        assertThatThrownBy(() -> out.write("cdef")).isInstanceOf(BoundedWriter.Full.class)
                .hasMessage("the rendered text is longer than 3 characters");
        assertThat(out.overflowed()).isTrue();
        assertThat(out.text()).isEqualTo("abc");
        assertThatThrownBy(() -> out.write('z')).isInstanceOf(BoundedWriter.Full.class);
        assertThatThrownBy(() -> out.append("z")).isInstanceOf(BoundedWriter.Full.class);
        assertThat(out.text()).isEqualTo("abc");
    }

    @Test
    void exactlyTheLimitIsNotAnOverflow() throws IOException {
        BoundedWriter out = new BoundedWriter(4);
        out.append("abcd");

        assertThat(out.overflowed()).isFalse();
        assertThat(out.text()).isEqualTo("abcd");
    }

    @Test
    void countsCharactersNotUtf16Units() throws IOException {
        BoundedWriter out = new BoundedWriter(3);
        out.write(EMOJI.repeat(3));

        assertThat(out.overflowed()).isFalse();
        assertThat(out.text()).isEqualTo(EMOJI.repeat(3));
        assertThatThrownBy(() -> out.write(EMOJI)).isInstanceOf(BoundedWriter.Full.class);
        assertThat(out.text()).isEqualTo(EMOJI.repeat(3));
    }

    @Test
    void neverCutsASurrogatePairWrittenInTwoPieces() throws IOException {
        BoundedWriter out = new BoundedWriter(2);
        out.write("a");
        out.write(EMOJI.charAt(0));
        out.write(EMOJI.substring(1));

        assertThat(out.text()).isEqualTo("a" + EMOJI);
        assertThat(out.overflowed()).isFalse();
        assertThatThrownBy(() -> out.write("b")).isInstanceOf(BoundedWriter.Full.class);
    }

    @Test
    void countsUnpairedSurrogatesAsStringDoes() throws IOException {
        String odd = "\uDE00\uD83Dx\uD83D";
        BoundedWriter out = new BoundedWriter(odd.codePointCount(0, odd.length()));
        out.write(odd);

        assertThat(out.overflowed()).isFalse();
        assertThat(out.text()).isEqualTo(odd);
    }

    @Test
    void aLimitOfZeroTakesNothing() {
        BoundedWriter out = new BoundedWriter(0);

        assertThatThrownBy(() -> out.write("a")).isInstanceOf(BoundedWriter.Full.class);
        assertThat(out.text()).isEmpty();
        assertThatThrownBy(() -> new BoundedWriter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
