package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one copy of a client's stdin into a process's pipe, shared by attach and exec. */
class StdinPumpTest {

  @Test
  void close_at_end_gives_the_process_the_input_then_eof() throws IOException {
    BytePipe pipe = new BytePipe();
    StdinPump.copy(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)), pipe,
        StdinPump.AtEnd.CLOSE);
    assertThat(pipe.isClosed()).isTrue();
    assertThat(new String(pipe.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
  }

  @Test
  void keep_open_at_end_leaves_the_pipe_for_the_next_attach() throws IOException {
    BytePipe pipe = new BytePipe();
    StdinPump.copy(new ByteArrayInputStream("one".getBytes(StandardCharsets.UTF_8)), pipe,
        StdinPump.AtEnd.KEEP_OPEN);
    assertThat(pipe.isClosed()).isFalse();
    assertThat(new String(pipe.input().readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("one");
  }

  @Test
  void a_client_that_goes_away_counts_as_the_end_of_its_input() throws IOException {
    BytePipe pipe = new BytePipe();
    InputStream gone = new InputStream() {
      private boolean sent;

      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (!sent) {
          sent = true;
          b[off] = 'x';
          return 1;
        }
        throw new IOException("connection reset");
      }
    };
    StdinPump.copy(gone, pipe, StdinPump.AtEnd.CLOSE);
    assertThat(pipe.isClosed()).isTrue();
    assertThat(new String(pipe.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x");
  }
}
