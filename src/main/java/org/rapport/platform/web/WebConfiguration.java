package org.rapport.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.Accounts;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.Workspaces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * German or English: what the person chose in this browser ({@code ?lang=de}, remembered in a cookie), else the
 * language of their account (Settings → My account), else the browser's; and what
 * every page of the UI shows: who is signed in, in which workspace, and which other workspaces they can switch to.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> SUPPORTED = List.of(Locale.GERMAN, Locale.ENGLISH);

	private final Members members;
	private final Workspaces workspaces;
	private final Accounts accounts;

	WebConfiguration(Members members, Workspaces workspaces, Accounts accounts) {
		this.members = members;
		this.workspaces = workspaces;
		this.accounts = accounts;
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new RegionalCookieLocaleResolver();
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(request -> {
			Authentication auth = SecurityContextHolder.getContext().getAuthentication();
			if (auth != null && auth.getPrincipal() instanceof CurrentUser me) {
				var chosen = accounts.language(me.userId());
				if (chosen.isPresent()) {
					return Locale.of(chosen.get());
				}
			}
			Locale best = request.getLocales().hasMoreElements() ? bestOf(request) : Locale.ENGLISH;
			return best;
		});
		return resolver;
	}

	/**
	 * The chosen language with the region of the browser when it speaks that language too: English dates read
	 * "5 Dec 2026" for a browser set to British English and "Dec 5, 2026" for American; the texts stay the language's.
	 */
	static Locale withRegion(Locale chosen, HttpServletRequest request) {
		if (chosen == null || !chosen.getCountry().isEmpty() || request.getHeader("Accept-Language") == null) {
			return chosen;
		}
		var locales = request.getLocales();
		while (locales.hasMoreElements()) {
			Locale candidate = locales.nextElement();
			if (candidate.getLanguage().equals(chosen.getLanguage()) && !candidate.getCountry().isEmpty()) {
				return Locale.of(chosen.getLanguage(), candidate.getCountry());
			}
		}
		return chosen;
	}

	/** The cookie's (or the account's, or the browser's) language, with the browser's region where it fits. */
	private static final class RegionalCookieLocaleResolver extends CookieLocaleResolver {

		RegionalCookieLocaleResolver() {
			super("rapport-lang");
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return withRegion(super.resolveLocale(request), request);
		}

		@Override
		public LocaleContext resolveLocaleContext(HttpServletRequest request) {
			LocaleContext chosen = super.resolveLocaleContext(request);
			return new TimeZoneAwareLocaleContext() {
				@Override
				public Locale getLocale() {
					return withRegion(chosen.getLocale(), request);
				}

				@Override
				public java.util.TimeZone getTimeZone() {
					return chosen instanceof TimeZoneAwareLocaleContext zoned ? zoned.getTimeZone() : null;
				}
			};
		}
	}

	private static Locale bestOf(HttpServletRequest request) {
		var locales = request.getLocales();
		while (locales.hasMoreElements()) {
			Locale candidate = locales.nextElement();
			for (Locale supported : SUPPORTED) {
				if (supported.getLanguage().equals(candidate.getLanguage())) {
					return supported;
				}
			}
		}
		return Locale.ENGLISH;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
		lang.setParamName("lang");
		lang.setIgnoreInvalidLocale(true);
		registry.addInterceptor(lang).excludePathPatterns("/api/**");
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
					ModelAndView mav) {
				if (mav == null || mav.getViewName() == null || mav.getViewName().startsWith("redirect:")) {
					return;
				}
				Authentication auth = SecurityContextHolder.getContext().getAuthentication();
				if (auth != null && auth.getPrincipal() instanceof CurrentUser me) {
					mav.addObject("me", me);
					mav.addObject("workspace", workspaces.get(me.workspaceId()));
					mav.addObject("myWorkspaces", members.workspacesOf(me.userId()));
				}
				mav.addObject("lang", org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
				mav.addObject("path", request.getRequestURI());
			}
		}).excludePathPatterns("/api/**", "/f/**");
	}
}
