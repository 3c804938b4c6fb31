package dev.cantrip.scripting;

import dev.cantrip.repl.ReplEngine;
import dev.cantrip.tasks.AsyncTask;
import dev.cantrip.tasks.AsyncWork;
import dev.cantrip.tasks.Callback0;
import dev.cantrip.tasks.Callback1;
import dev.cantrip.tasks.Callback2;
import dev.cantrip.tasks.Callback3;
import dev.cantrip.tasks.Flow;
import dev.cantrip.tasks.FlowBody;
import dev.cantrip.tasks.Task;
import dev.cantrip.world.GameObject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The functions snippets call by name: {@code obj(12)}, {@code search("sword")},
 * {@code delay(10, who -> who.msg("Test!"), self)}, {@code runAsync(...)}, {@code interactive(...)},
 * {@code pause}, {@code ask}, {@code confirm}, {@code tasks()}, {@code persistAll(...)}, {@code exit()}. Every session
 * imports them statically. Each finds the session of the snippet that called it (through that
 * session's hidden {@code $api} binding) and does what {@link SnippetApi}'s method of the same name
 * documents, for that session.
 *
 * <p>Why a class and not startup methods: JShell compiles each startup snippet when it builds an
 * instance and imports each into every later compile; twenty-one of them made every fresh JShell
 * several times dearer to build and each evaluation slower (measured, BENCHMARKS.md). One static
 * import costs next to nothing.
 */
public final class SnippetFunctions {

    private SnippetFunctions() {
    }

    private static SnippetApi api() {
        return ReplEngine.bindingOfCaller(JavaService.API_BINDING, SnippetApi.class);
    }

    /** {@link SnippetApi#obj}. */
    public static GameObject obj(long id) {
        return api().obj(id);
    }

    /** {@link SnippetApi#search}. */
    public static List<GameObject> search(String name) {
        return api().search(name);
    }

    /** For the server's own use while it rebuilds a persistent task: {@link SnippetApi#restored}. */
    public static Object restored(long taskId, String kind, int index) {
        return api().restored(taskId, kind, index);
    }

    /** For the server's own use while it rebuilds a persistent task: {@link SnippetApi#rebuilt}. */
    public static void rebuilt(long taskId, Object callback) {
        api().rebuilt(taskId, callback);
    }

    /** The text {@code inspect(o)} prints: {@link SnippetApi#inspect}. */
    public static String inspectText(Object value) {
        return api().inspect(value);
    }

    /** {@link SnippetApi#exit}. */
    public static void exit() {
        api().exit();
    }

    /** {@link SnippetApi#delay(double, Callback0)}. */
    public static Task delay(double seconds, Callback0 callback) {
        return api().delay(seconds, callback);
    }

    /** {@link SnippetApi#delay(double, Callback1, Object)}: {@code delay(10, who -> who.msg("Hi"), self)}. */
    public static <A> Task delay(double seconds, Callback1<A> callback, A a) {
        return api().delay(seconds, callback, a);
    }

    /** {@link SnippetApi#delay(double, Callback2, Object, Object)}. */
    public static <A, B> Task delay(double seconds, Callback2<A, B> callback, A a, B b) {
        return api().delay(seconds, callback, a, b);
    }

    /** {@link SnippetApi#delay(double, Callback3, Object, Object, Object)}. */
    public static <A, B, C> Task delay(double seconds, Callback3<A, B, C> callback, A a, B b, C c) {
        return api().delay(seconds, callback, a, b, c);
    }

    /** {@link SnippetApi#delay(Duration, Callback0)}. */
    public static Task delay(Duration after, Callback0 callback) {
        return api().delay(after, callback);
    }

    /** {@link SnippetApi#delay(Duration, Callback1, Object)}. */
    public static <A> Task delay(Duration after, Callback1<A> callback, A a) {
        return api().delay(after, callback, a);
    }

    /** {@link SnippetApi#delay(Duration, Callback2, Object, Object)}. */
    public static <A, B> Task delay(Duration after, Callback2<A, B> callback, A a, B b) {
        return api().delay(after, callback, a, b);
    }

    /** {@link SnippetApi#delay(Duration, Callback3, Object, Object, Object)}. */
    public static <A, B, C> Task delay(Duration after, Callback3<A, B, C> callback, A a, B b, C c) {
        return api().delay(after, callback, a, b, c);
    }

    /** {@link SnippetApi#tasks}. */
    public static List<Task> tasks() {
        return api().tasks();
    }

    /** {@link SnippetApi#persistAll}: {@code persistAll(tasks())}. */
    public static List<Task> persistAll(Collection<? extends Task> tasks) {
        return api().persistAll(tasks);
    }

    /** {@link SnippetApi#runAsync(AsyncWork)}. */
    public static <T> AsyncTask runAsync(AsyncWork<T> work) {
        return api().runAsync(work);
    }

    /** {@link SnippetApi#runAsync(AsyncWork, Callback1)}. */
    public static <T> AsyncTask runAsync(AsyncWork<T> work, Callback1<? super T> onReturn) {
        return api().runAsync(work, onReturn);
    }

    /** {@link SnippetApi#runAsync(AsyncWork, Callback1, Callback1)}. */
    public static <T> AsyncTask runAsync(AsyncWork<T> work, Callback1<? super T> onReturn,
                                         Callback1<? super Exception> onError) {
        return api().runAsync(work, onReturn, onError);
    }

    /** {@link SnippetApi#interactive}. */
    public static <V> Flow<V> interactive(FlowBody<V> body) {
        return api().interactive(body);
    }

    /** {@link SnippetApi#pause}. */
    public static void pause(double seconds) {
        api().pause(seconds);
    }

    /** {@link SnippetApi#ask(String)}. */
    public static String ask(String question) {
        return api().ask(question);
    }

    /** {@link SnippetApi#ask(String, double, String)}. */
    public static String ask(String question, double timeoutSeconds, String fallback) {
        return api().ask(question, timeoutSeconds, fallback);
    }

    /** {@link SnippetApi#confirm}. */
    public static boolean confirm(String question) {
        return api().confirm(question);
    }
}
